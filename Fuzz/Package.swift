// swift-tools-version: 6.0
// libFuzzer targets, one per reader of scoping's Formats, and one for the UTF-16 transcoder. Build and run with ./run.sh NAME SECONDS.
import PackageDescription

let readers = [
    "pubmed", "medline", "ris", "endnote", "csv", "wos", "ovid", "bibtex", "refer", "refworks", "identifiers",
    "csljson", "mods", "ctgovcsv", "ctgovjson", "ictrp", "zoterordf", "utf16",
]

let package = Package(
    name: "ScopingFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "scoping", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "ScopingFormats", package: "scoping")])
    ] + readers.map { .executableTarget(name: "fuzz-\($0)", dependencies: ["FuzzSupport"]) },
    swiftLanguageModes: [.v6]
)
