// swift-tools-version: 6.0
// Measures PubMed XML ingest (parsing only) with the main package's readers.
// Run through ../pubmed-ingest.sh, which also runs the C libxml2 baseline.
import PackageDescription

let package = Package(
    name: "PubMedIngest",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "scoping", path: "../..")],
    targets: [
        .executableTarget(
            name: "pubmed-ingest",
            dependencies: [.product(name: "ScopingFormats", package: "scoping")]
        )
    ],
    swiftLanguageModes: [.v6]
)
