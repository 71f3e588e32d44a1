/// What changed between two versions of a protocol: used when the protocol changes after
/// screening or charting started, to tell which decisions may need a second look.
public struct ProtocolDiff: Hashable, Sendable, CustomStringConvertible {
    /// One change, in terms a reviewer understands.
    public enum Change: Hashable, Sendable, CustomStringConvertible {
        case criterionAdded(String)
        case criterionRemoved(String)
        case criterionRuleChanged(String, old: String?, new: String?)
        case criterionLabelChanged(String, old: LocalizedText, new: LocalizedText)
        case criterionStageChanged(String, old: CriterionStage, new: CriterionStage)
        case criterionHighlightChanged(String)
        case fieldAdded(String)
        case fieldRemoved(String)
        case fieldTypeChanged(String, old: CodebookFieldType, new: CodebookFieldType)
        case fieldLabelChanged(String)
        case choiceAdded(field: String, choice: String)
        case choiceRemoved(field: String, choice: String)
        case choiceLabelChanged(field: String, choice: String)
        case choiceTermsChanged(field: String, choice: String)
        case matrixChanged
        case sourceAdded(String)
        case sourceRemoved(String)
        case sourceChanged(String)
        case screeningChanged
        case reviewChanged

        public var description: String {
            switch self {
            case .criterionAdded(let id): "criterion \(id) added"
            case .criterionRemoved(let id): "criterion \(id) removed"
            case .criterionRuleChanged(let id, let old, let new):
                "rule of \(id) changed: \(old ?? "(none)") → \(new ?? "(none)")"
            case .criterionLabelChanged(let id, let old, let new): "label of \(id) changed: '\(old.en)' → '\(new.en)'"
            case .criterionStageChanged(let id, let old, let new):
                "stage of \(id) changed: \(old.rawValue) → \(new.rawValue)"
            case .criterionHighlightChanged(let id): "highlight terms of \(id) changed"
            case .fieldAdded(let id): "codebook field \(id) added"
            case .fieldRemoved(let id): "codebook field \(id) removed"
            case .fieldTypeChanged(let id, let old, let new):
                "type of codebook field \(id) changed: \(old.rawValue) → \(new.rawValue)"
            case .fieldLabelChanged(let id): "label of codebook field \(id) changed"
            case .choiceAdded(let field, let choice): "choice \(field).\(choice) added"
            case .choiceRemoved(let field, let choice): "choice \(field).\(choice) removed"
            case .choiceLabelChanged(let field, let choice): "label of choice \(field).\(choice) changed"
            case .choiceTermsChanged(let field, let choice): "terms of choice \(field).\(choice) changed"
            case .matrixChanged: "matrix changed"
            case .sourceAdded(let id): "source \(id) added"
            case .sourceRemoved(let id): "source \(id) removed"
            case .sourceChanged(let id): "source \(id) changed"
            case .screeningChanged: "screening plan changed"
            case .reviewChanged: "review description or PCC changed"
            }
        }

        /// True when decisions already taken under the old protocol may no longer hold:
        /// a criterion removed, or its rule or stage changed.
        public var affectsDecisions: Bool {
            switch self {
            case .criterionRemoved, .criterionRuleChanged, .criterionStageChanged: true
            default: false
            }
        }

        /// True when charting already done may no longer fit the codebook.
        public var affectsCharting: Bool {
            switch self {
            case .fieldRemoved, .fieldTypeChanged, .choiceRemoved: true
            default: false
            }
        }
    }

    /// Changes in a fixed order: review, sources, screening, criteria, codebook, matrix.
    public var changes: [Change]

    public var isEmpty: Bool { changes.isEmpty }
    /// Any change for which earlier screening decisions may need a second look.
    public var affectsDecisions: Bool { changes.contains { $0.affectsDecisions } }
    /// Any change for which earlier charting may need a second look.
    public var affectsCharting: Bool { changes.contains { $0.affectsCharting } }

    /// One change per line.
    public var description: String { changes.map(\.description).joined(separator: "\n") }

    /// The changes from `old` to `new`. Comments and formatting do not count (but they do
    /// change the hash).
    public init(from old: ReviewProtocol, to new: ReviewProtocol) {
        var changes: [Change] = []
        if old.review != new.review || old.pcc != new.pcc { changes.append(.reviewChanged) }
        ProtocolDiff.compare(
            old.sources, new.sources, id: \.id, added: Change.sourceAdded, removed: Change.sourceRemoved, into: &changes
        ) { a, b in
            var x = a
            var y = b
            x.location = nil
            y.location = nil
            return x == y ? [] : [.sourceChanged(a.id)]
        }
        if old.screening != new.screening { changes.append(.screeningChanged) }
        ProtocolDiff.compare(
            old.criteria, new.criteria, id: \.id, added: Change.criterionAdded, removed: Change.criterionRemoved,
            into: &changes
        ) { a, b in
            var out: [Change] = []
            if a.stage != b.stage { out.append(.criterionStageChanged(a.id, old: a.stage, new: b.stage)) }
            if a.rule?.source != b.rule?.source {
                out.append(.criterionRuleChanged(a.id, old: a.rule?.source, new: b.rule?.source))
            }
            if a.label != b.label { out.append(.criterionLabelChanged(a.id, old: a.label, new: b.label)) }
            if a.highlight != b.highlight { out.append(.criterionHighlightChanged(a.id)) }
            return out
        }
        ProtocolDiff.compare(
            old.codebook.fields, new.codebook.fields, id: \.id, added: Change.fieldAdded, removed: Change.fieldRemoved,
            into: &changes
        ) { a, b in
            var out: [Change] = []
            if a.type != b.type { out.append(.fieldTypeChanged(a.id, old: a.type, new: b.type)) }
            if a.label != b.label { out.append(.fieldLabelChanged(a.id)) }
            ProtocolDiff.compare(
                a.choices, b.choices, id: \.id,
                added: { Change.choiceAdded(field: a.id, choice: $0) },
                removed: { Change.choiceRemoved(field: a.id, choice: $0) },
                into: &out
            ) { x, y in
                var c: [Change] = []
                if x.label != y.label || x.group != y.group { c.append(.choiceLabelChanged(field: a.id, choice: x.id)) }
                if x.terms != y.terms { c.append(.choiceTermsChanged(field: a.id, choice: x.id)) }
                return c
            }
            return out
        }
        if old.matrix != new.matrix { changes.append(.matrixChanged) }
        self.changes = changes
    }

    /// Removed (old order), then per kept item its changes (new order), then added (new order).
    private static func compare<T>(
        _ old: [T], _ new: [T], id: KeyPath<T, String>,
        added: (String) -> Change, removed: (String) -> Change,
        into changes: inout [Change], changed: (T, T) -> [Change]
    ) {
        let newIDs = Set(new.map { $0[keyPath: id] })
        let oldByID = Dictionary(old.map { ($0[keyPath: id], $0) }, uniquingKeysWith: { a, _ in a })
        for item in old where !newIDs.contains(item[keyPath: id]) { changes.append(removed(item[keyPath: id])) }
        for item in new {
            if let before = oldByID[item[keyPath: id]] { changes.append(contentsOf: changed(before, item)) }
        }
        for item in new where oldByID[item[keyPath: id]] == nil { changes.append(added(item[keyPath: id])) }
    }
}
