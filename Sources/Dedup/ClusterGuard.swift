/// The last check before two clusters become one: no two members may disagree on what
/// identifies a publication — DOI, PMID, the issue of one volume, the first page — whatever the
/// pair decisions said (an identifier that agrees overrides the other fields in a pair decision;
/// here it does not). A merge the guard refuses goes to a person (`scoping dedup review`).
///
/// Pages count as conflicting as the pair decision counts them, after its forgiveness for a page
/// typo in a record otherwise the same down to the issue (see `docs/dedup.md`).
enum ClusterGuard {
    /// Why two members cannot be merged without a person, or nil.
    static func conflict(_ f: Facts) -> String? {
        if f.contains(.vetoDOI) { return "guard: conflicting DOIs in one cluster" }
        if f.contains(.vetoPMID) { return "guard: conflicting PMIDs in one cluster" }
        if f.contains(.vetoIssue) { return "guard: different issues of one volume in one cluster" }
        if f.contains(.vetoArticleNumber) { return "guard: different article numbers in one cluster" }
        if f.contains(.vetoPages) { return "guard: conflicting first pages in one cluster" }
        return nil
    }
}
