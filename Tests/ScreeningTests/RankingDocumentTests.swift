import Bibliography
import Screening
import Testing

@Suite struct RankingDocumentNoticeTests {
    @Test func rankingReadsTheAbstractWithoutARightsNotice() {
        var record = Record(title: "Group consultations")
        record.abstract = Abstract(
            "Nurses led group consultations. Copyright of Journal of Care is the property of Example Publishers "
                + "and its content may not be copied without the copyright holder's express written permission.")
        #expect(RankingDocument(record).abstract == "Nurses led group consultations.")
        #expect(record.abstract.text.contains("is the property of"), "the record keeps what the database wrote")
    }
}
