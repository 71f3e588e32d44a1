// swift-tools-version: 6.0
// libFuzzer targets for the PubMed XML and MEDLINE readers. Build and run with ./run.sh.
import PackageDescription

let package = Package(
    name: "ScopingFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "scoping", path: "..")],
    targets: [
        .executableTarget(name: "fuzz-pubmed", dependencies: [.product(name: "ScopingFormats", package: "scoping")]),
        .executableTarget(name: "fuzz-medline", dependencies: [.product(name: "ScopingFormats", package: "scoping")]),
    ],
    swiftLanguageModes: [.v6]
)
