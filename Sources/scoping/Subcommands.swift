import ArgumentParser

extension Scoping {
    /// Every subcommand, in the order `scoping --help` lists them. Add new commands here.
    static let allSubcommands: [any ParsableCommand.Type] = [
        Run.self,
        Init.self,
        Ingest.self,
        Records.self,
        Show.self,
        Export.self,
        Check.self,
        Criteria.self,
        Dedup.self,
        Screen.self,
        Serve.self,
        Chart.self,
        Matrix.self,
        Report.self,
        Status.self,
        Conflicts.self,
        Reconcile.self,
        AgreementReport.self,
        Decisions.self,
        Simulate.self,
        Bench.self,
    ]
}
