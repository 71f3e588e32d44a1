import Bibliography
import Foundation
import GRDB

extension ReviewIndex {
    /// The studies: one per record key (copies of one record in several exports share a key),
    /// standing for the record's first copy in file order, with every database that found it.
    ///
    /// - Complexity: O(records).
    public func studies() throws -> [Study] {
        var order: [RecordKey] = []
        var byKey: [RecordKey: Study] = [:]
        try forEachRecord { item in
            if var study = byKey[item.key] {
                if !study.databases.contains(item.database) { study.databases.append(item.database) }
                byKey[item.key] = study
            } else {
                order.append(item.key)
                byKey[item.key] = Study(key: item.key, record: item.record, databases: [item.database])
            }
        }
        return order.compactMap { key in
            byKey[key].map { var s = $0; s.databases.sort(); return s }
        }
    }
}
