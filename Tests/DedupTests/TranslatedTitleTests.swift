import Bibliography
import Dedup
import Testing

/// Copies of one study that databases title or type differently.
@Suite struct TranslatedTitleTests {
    @Test func bracketedTranslationMatchesTheOriginalTitle() {
        var pubmed = article("[Group consultations for diabetes in general practice: a pilot].")
        pubmed.originalTitle = "Consultations de groupe pour le diabète en médecine générale : un projet pilote"
        let cinahl = article("Consultations de groupe pour le diabète en médecine générale: un projet pilote")
        #expect(verdict(pubmed, cinahl).verdict == .duplicate)
    }

    @Test func commentaryInAListOfTypesIsAComment() {
        var pubmed = article("Practice nurses and the future of chronic care")
        pubmed.publicationTypes = ["Comment", "Journal Article"]
        var cinahl = article("Practice nurses and the future of chronic care")
        cinahl.publicationTypes = ["Journal Article; Commentary"]
        #expect(verdict(pubmed, cinahl).verdict == .duplicate)
        let original = article("Practice nurses and the future of chronic care")
        #expect(verdict(pubmed, original).verdict != .duplicate)
    }
}
