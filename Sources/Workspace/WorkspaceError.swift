/// Errors of the review folder and its index, each saying what happened and what to do.
public enum WorkspaceError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The index could not be opened, migrated or written.
    case index(String, String)
    /// No review folder was found from the given directory upwards.
    case notAReview(String)
    /// A file named on the command line does not exist.
    case missingFile(String)
    /// A record key that is not in the index.
    case unknownKey(String)
    /// A folder to create already holds a review.
    case alreadyAReview(String)

    public var description: String {
        switch self {
        case .index(let path, let detail):
            "\(path): the index could not be used: \(detail); it is derived data: delete .scoping/ and run `scoping ingest` again"
        case .notAReview(let dir):
            "\(dir): not inside a review folder (no protocol/protocol.yaml or corpus/ found here or above); run `scoping init` to make one, or pass --review DIR"
        case .missingFile(let path):
            "\(path): no such file"
        case .unknownKey(let key):
            "no record with key '\(key)'; `scoping records QUERY` finds keys"
        case .alreadyAReview(let dir):
            "\(dir): already holds a review (protocol/protocol.yaml exists); nothing was changed"
        }
    }
}
