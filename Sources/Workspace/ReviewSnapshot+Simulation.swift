public import Screening

extension ReviewSnapshot {
    /// What a replay of this review's own screening counts as relevant.
    public enum SimulationLabel: String, Sendable, CaseIterable {
        /// Passed title/abstract screening (after reconciliation): what the ranking serves.
        case titleAbstract = "title-abstract"
        /// Included in the end (after full-text screening).
        case included
    }

    /// The studies screened at title/abstract with a final decision there, labelled for
    /// ``Simulation``: title, abstract and keywords with MeSH (as `scoping screen` ranks them),
    /// in study order.
    ///
    /// - Parameter label: what counts as relevant. With ``SimulationLabel/included``, studies
    ///   past title/abstract without a final full-text decision are left out too.
    /// - Returns: the records and how many studies were left out for want of a final decision.
    public func simulationRecords(label: SimulationLabel) -> (records: [LabelledRecord], leftOut: Int) {
        let flow = flow
        let passed = Set(flow.sought.map(\.key))
        let undecided = Set(flow.undecidedAtScreening.map(\.key))
            .union(label == .included ? Set(flow.undecidedAtFullText.map(\.key)) : [])
        let included = Set(flow.included.map(\.key))
        var records: [LabelledRecord] = []
        for study in flow.screened where !undecided.contains(study.key) {
            let text = RankingDocument(study.record)
            let relevant = label == .titleAbstract ? passed.contains(study.key) : included.contains(study.key)
            records.append(
                LabelledRecord(title: text.title, abstract: text.abstract, keywords: text.keywords, relevant: relevant))
        }
        return (records, undecided.count)
    }
}
