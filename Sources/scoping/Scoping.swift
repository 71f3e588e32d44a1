import ArgumentParser

/// The `scoping` command: a thin front end over the pipeline's library targets.
///
/// Each subcommand lives in its own file as `extension Scoping { struct Sub … }`.
@main
struct Scoping: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scoping",
        abstract: "Run a scoping review from search exports to published report.",
        discussion: """
            A review is a folder: protocol/protocol.yaml, corpus/ (search exports), \
            screening/ and charting/ (human work, append-only logs), output/ (generated). \
            The index in .scoping/ is derived and safe to delete.
            """,
        version: "0.1.0",
        subcommands: Scoping.allSubcommands
    )
}
