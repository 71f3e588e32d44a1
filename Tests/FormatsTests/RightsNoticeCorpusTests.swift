import Bibliography
import Foundation
import Testing

@testable import Formats

/// EBSCOhost's rights notice in real exports (a second `AB` line in its RIS, which the RIS
/// reader sets aside as a note) never reaches what ranking reads.
@Suite(
    .enabled(if: sharedCorpus != nil, "the shared corpus (../shared/corpus) was not found: EBSCO notices not checked"))
struct RightsNoticeCorpusTests {
    @Test func noEbscoNoticeInTheCorpusReachesRanking() throws {
        let corpus = try #require(sharedCorpus)
        var notices = 0
        for file in ["citesource_gambling_crimjust_41.ris", "citesource_wildfire_envindex_100.ris"] {
            let path = corpus + "/ris/" + file
            guard FileManager.default.fileExists(atPath: path) else { continue }
            for record in try Exports.records(path: path) {
                let text = record.abstract.text
                if text.contains(" is the property of ")
                    || record.notes.contains(where: { $0.contains(" is the property of ") })
                {
                    notices += 1
                }
                let kept = Abstract.withoutRightsNotice(text)
                #expect(!kept.contains(" is the property of "), "\(file): \(record.title)")
                #expect(text.hasPrefix(kept), "\(file): \(record.title)")
            }
        }
        #expect(notices > 100, "the two files hold 136 notices")
    }
}
