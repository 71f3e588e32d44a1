public import Bibliography
import Charting
public import Protocol

/// The evidence gap map: the protocol's matrix (rows × columns of two codebook fields) filled
/// with the included studies, each with the direction of its finding where the columns are a
/// `findings` field. Empty cells are the knowledge gaps; ongoing studies are kept apart.
public struct GapMap: Hashable, Sendable {
    public struct Axis: Hashable, Sendable {
        public var id: String
        public var label: LocalizedText
        public var group: LocalizedText?
    }

    /// One study in a cell.
    public struct Mark: Hashable, Sendable {
        public var key: RecordKey
        public var number: Int
        public var label: String
        /// The direction, when the columns are findings and it was charted.
        public var direction: FindingDirection?
    }

    public struct Cell: Hashable, Sendable {
        public var row: String
        public var column: String
        /// Completed studies, by reference number.
        public var studies: [Mark]
        /// Ongoing studies (protocols) that will report on this cell.
        public var ongoing: [Mark]

        public var isGap: Bool { studies.isEmpty }

        public func count(_ direction: FindingDirection?) -> Int {
            studies.filter { $0.direction == direction }.count
        }
    }

    public var spec: MatrixSpec
    public var rows: [Axis]
    public var columns: [Axis]
    /// Row-major: `cells[r][c]`.
    public var cells: [[Cell]]
    /// True when the columns field is a `findings` field (cells carry directions).
    public var hasDirections: Bool

    /// Builds the map from the protocol's `matrix:`; nil when the protocol has none or its
    /// fields are missing.
    ///
    /// - Complexity: O(studies × (rows + columns)).
    public static func make(from input: SynthesisInput) -> GapMap? {
        let codebook = input.reviewProtocol.codebook
        guard let spec = input.reviewProtocol.matrix, let rowField = codebook.field(spec.rows),
            let columnField = codebook.field(spec.columns)
        else { return nil }
        let rows = rowField.choices.map { Axis(id: $0.id, label: $0.label, group: $0.group) }
        let columns = columnField.choices.map { Axis(id: $0.id, label: $0.label, group: $0.group) }
        var cells = rows.map { r in columns.map { c in Cell(row: r.id, column: c.id, studies: [], ongoing: []) } }
        let rowIndex = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1.id, $0) })
        let columnIndex = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.id, $0) })
        let catalogue = StudyCatalogue(input)
        for entry in catalogue.entries {
            guard let values = entry.charting?.values else { continue }
            let rowIDs = ids(values[rowField.id])
            var columnMarks: [(String, FindingDirection?)] = []
            if let value = values[columnField.id] {
                switch value {
                case .findings(let list): columnMarks = list.map { ($0.outcome, $0.direction) }
                default: columnMarks = value.choiceIDs.map { ($0, nil) }
                }
            }
            for r in rowIDs {
                guard let ri = rowIndex[r] else { continue }
                for (c, direction) in columnMarks {
                    guard let ci = columnIndex[c] else { continue }
                    let mark = Mark(key: entry.key, number: entry.number, label: entry.label, direction: direction)
                    if entry.isOngoing {
                        if !cells[ri][ci].ongoing.contains(where: { $0.key == mark.key }) {
                            cells[ri][ci].ongoing.append(mark)
                        }
                    } else if !cells[ri][ci].studies.contains(where: { $0.key == mark.key }) {
                        cells[ri][ci].studies.append(mark)
                    }
                }
            }
        }
        return GapMap(
            spec: spec, rows: rows, columns: columns, cells: cells, hasDirections: columnField.type == .findings)
    }

    static func ids(_ value: FieldValue?) -> [String] {
        guard let value else { return [] }
        if case .findings(let list) = value { return list.map(\.outcome) }
        return value.choiceIDs
    }

    /// The empty cells, row by row.
    public var gaps: [Cell] { cells.flatMap { $0.filter(\.isGap) } }

    /// Rows in display order with their group heading where a new group starts (when the
    /// matrix groups rows).
    func rowsWithGroups() -> [(index: Int, groupStart: LocalizedText?)] {
        var out: [(Int, LocalizedText?)] = []
        var last: LocalizedText?
        for (i, row) in rows.enumerated() {
            if spec.groupRows, let group = row.group, group != last {
                out.append((i, group))
                last = group
            } else {
                out.append((i, nil))
            }
        }
        return out
    }

    /// `+`, `=`, `−`, `±`, `?`.
    static func symbol(_ direction: FindingDirection?) -> String {
        switch direction {
        case .favourable: "+"
        case .noDifference: "="
        case .unfavourable: "−"
        case .mixed: "±"
        case nil: "?"
        }
    }
}
