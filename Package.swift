// swift-tools-version: 6.0
import PackageDescription

/// Settings every Swift target shares: strict, explicit, Swift 6.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "scoping",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "scoping", targets: ["scoping"]),
        .library(name: "ScopingFormats", targets: ["Formats", "Bibliography"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already there for Hummingbird: its logger, quietened by `scoping serve`.
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        // libxml2 from the system (apt: libxml2-dev).
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // zlib from the system (a dependency of libxml2), for reading .gz exports.
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]),
        // libxml2's SAX2 push parser with its safe options: the one XML reader of the exports and workbooks.
        .target(name: "XMLSupport", dependencies: ["CLibXML2"], swiftSettings: swiftSettings),
        // The record model: identifiers, names, text normalisation. No dependencies.
        .target(name: "Bibliography", swiftSettings: swiftSettings),
        // Streaming readers and writers for bibliographic exports.
        .target(
            name: "Formats", dependencies: ["Bibliography", "XMLSupport", "CLibXML2", "CZlib"],
            swiftSettings: swiftSettings),
        // The append-only log file every log of human work is written through: lock, fsync, torn lines.
        .target(name: "AppendLog", swiftSettings: swiftSettings),
        // Duplicate detection and clustering: a pure stage over records.
        .target(name: "Dedup", dependencies: ["Bibliography"], swiftSettings: swiftSettings),
        // The protocol file: schema, validation, criteria rules, codebook, matrix.
        .target(
            name: "Protocol",
            dependencies: ["Bibliography", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        // Screening: decision logs, conflicts, agreement, ranking, stopping estimate.
        .target(
            name: "Screening", dependencies: ["AppendLog", "Bibliography", "Protocol"], swiftSettings: swiftSettings),
        // Charting: charting logs, suggestions from the codebook.
        .target(
            name: "Charting", dependencies: ["AppendLog", "Bibliography", "Protocol", "XMLSupport", "CZlib"],
            swiftSettings: swiftSettings),
        // Synthesis: PRISMA counts, results matrix, gap map, report rendering.
        .target(
            name: "Synthesis", dependencies: ["Bibliography", "Protocol", "Charting"], swiftSettings: swiftSettings),
        // The review folder: index, imports, locks.
        .target(
            name: "Workspace",
            dependencies: [
                "AppendLog", "Bibliography", "Formats", "Protocol", "Dedup", "Screening", "Charting", "Synthesis",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // The browser front end: routes, request handling and pages over the same use cases as the terminal.
        .target(
            name: "Web",
            dependencies: [
                "AppendLog", "Bibliography", "Protocol", "Screening", "Charting", "Synthesis", "Workspace",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The thin command-line front end.
        .executableTarget(
            name: "scoping",
            dependencies: [
                "Bibliography", "Formats", "Dedup", "Protocol", "Screening", "Charting", "Synthesis", "Workspace",
                "Web",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "AppendLogTests", dependencies: ["AppendLog"], swiftSettings: swiftSettings),
        .testTarget(name: "BibliographyTests", dependencies: ["Bibliography"], swiftSettings: swiftSettings),
        .testTarget(
            name: "FormatsTests", dependencies: ["Formats", "Bibliography", "XMLSupport"],
            resources: [.copy("Fixtures")], swiftSettings: swiftSettings),
        .testTarget(name: "DedupTests", dependencies: ["Dedup", "Bibliography"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ProtocolTests", dependencies: ["Protocol", "Bibliography"], resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ScreeningTests", dependencies: ["Screening", "Protocol", "Bibliography"],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "ChartingTests", dependencies: ["Charting", "Protocol", "Bibliography"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SynthesisTests", dependencies: ["Synthesis", "Screening", "Charting", "Protocol", "Bibliography"],
            resources: [.copy("Snapshots")], swiftSettings: swiftSettings),
        .testTarget(
            name: "ScopingTests", dependencies: ["scoping"], exclude: ["Snapshots"], swiftSettings: swiftSettings),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "Web", "Workspace", "Screening", "Protocol", "Bibliography",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "WorkspaceTests",
            dependencies: [
                "Workspace", "Formats", "Bibliography", "Dedup", "Protocol", "Screening", "Synthesis",
                .product(name: "GRDB", package: "GRDB.swift"),
            ], swiftSettings: swiftSettings),
    ],
    swiftLanguageModes: [.v6]
)
