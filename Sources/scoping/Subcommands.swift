import ArgumentParser

extension Scoping {
    /// Every subcommand, in the order `scoping --help` lists them. Add new commands here.
    static let allSubcommands: [any ParsableCommand.Type] = [
    ]
}
