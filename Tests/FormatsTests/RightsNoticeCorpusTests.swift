import Bibliography
import Foundation
import Testing

@testable import Formats

/// EBSCOhost's rights notices from real exports: its RIS gives each as a second `AB` line (the
/// RIS reader sets it aside as a note); its CSV export appends it to the abstract. Joined to the
/// abstract as the CSV export has it, every notice is left out of what ranking reads and the
/// abstract before it is kept whole.
@Suite(
    .enabled(if: sharedCorpus != nil, "the shared corpus (../shared/corpus) was not found: EBSCO notices not checked"))
struct RightsNoticeCorpusTests {
    @Test func everyRealEbscoNoticeAfterItsAbstractIsLeftOut() throws {
        let corpus = try #require(sharedCorpus)
        var notices = 0
        for file in ["citesource_gambling_crimjust_41.ris", "citesource_wildfire_envindex_100.ris"] {
            let path = corpus + "/ris/" + file
            guard FileManager.default.fileExists(atPath: path) else { continue }
            for record in try Exports.records(path: path) {
                let abstract = record.abstract.text
                #expect(!abstract.contains(" is the property of "), "\(file): \(record.title)")
                // EBSCOhost ends the abstract with its source marker; ranking reads neither.
                var study = abstract
                for marker in [" [ABSTRACT FROM AUTHOR]", " [ABSTRACT FROM PUBLISHER]"] where study.hasSuffix(marker) {
                    study.removeLast(marker.count)
                }
                #expect(Abstract.withoutRightsNotice(abstract) == study, "\(file): \(record.title)")
                for note in record.notes where note.hasPrefix("AB: Copyright of ") {
                    notices += 1
                    let joined = abstract + " " + note.dropFirst(4)
                    #expect(Abstract.withoutRightsNotice(joined) == study, "\(file): \(record.title)")
                }
            }
        }
        #expect(notices > 100, "the two files hold 136 notices")
    }
}
