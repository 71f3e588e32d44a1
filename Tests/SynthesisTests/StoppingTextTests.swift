import Protocol
import Synthesis
import Testing

/// The report's stopping sentence, whole, in both languages: method, settings, where the
/// reviewer stands, the estimate with its interval, the random checks.
@Suite struct StoppingTextTests {
    @Test func reachedWithAnEstimate() {
        let facts = AutomationText.StoppingFacts(
            unscreened: 1192, total: 1704, reviewer: "anna", method: "hypergeometric-random", targetRecall: 0.95,
            confidence: 0.95, irrelevantRun: 50, sampleShare: 0.1, screened: 512, relevant: 43, randomChecks: 12,
            reached: true, estimatedLeft: 1, leftInterval: 0...3, estimatedRecall: 43.0 / 44,
            recallInterval: (43.0 / 46)...1,
            pValue: 0.0412)
        let text = AutomationText.stopping(.method(facts))
        #expect(
            text.en
                == "1192 of 1704 records still await a reviewer. Stopping rule: the hypergeometric test of Callaghan & Müller-Hansen (2020) "
                + "with its random-sampling phase (95% recall target, 95% confidence; random checks after 50 irrelevant records in a row). "
                + "For anna (512 screened, 43 relevant, 12 random checks): the 95% recall target was reached with 95% confidence after "
                + "512 records (p = 0.041); estimated recall 0.98 (95% interval 0.93–1.00), about 1 relevant record left (0–3)."
        )
        #expect(
            text.nl
                == "1192 van de 1704 records wachten nog op een reviewer. Stopregel: de hypergeometrische toets van Callaghan & Müller-Hansen (2020) "
                + "met willekeurige steekproef (recalldoel 95%, 95% betrouwbaarheid; steekproefcontroles na 50 irrelevante records op rij). "
                + "Voor anna (512 beoordeeld, 43 relevant, 12 steekproefcontroles): het recalldoel van 95% is bereikt met 95% betrouwbaarheid "
                + "na 512 records (p = 0.041); geschatte recall 0.98 (95%-interval 0.93–1.00), naar schatting nog 1 relevant record (0–3)."
        )
    }

    /// The biased test names its bias; the counting process is named as itself.
    @Test func biasedTestAndCountingProcessNamed() {
        var facts = AutomationText.StoppingFacts(
            unscreened: 10, total: 100, reviewer: "bram", method: "hypergeometric-biased", targetRecall: 0.95,
            confidence: 0.95, irrelevantRun: 50, sampleShare: 0.1, screened: 90, relevant: 9, randomChecks: 0,
            reached: false, bias: 2)
        var text = AutomationText.stopping(.method(facts))
        #expect(
            text.en.contains(
                "Stopping rule: the hypergeometric test of Callaghan & Müller-Hansen (2020) with a biased urn (their buscar's bias) "
                    + "(95% recall target, 95% confidence; bias 2: a relevant record taken to be 2 times as likely to be ranked next)."
            ),
            "\(text.en)")
        #expect(
            text.nl.contains(
                "bias 2: een relevant record 2 keer zo waarschijnlijk als volgende in de rangorde aangenomen"))
        facts.method = "counting-process"
        text = AutomationText.stopping(.method(facts))
        #expect(text.en.contains("Stopping rule: the counting process of Sneyd & Stevenson (2021)"), "\(text.en)")
    }

    @Test func aHeuristicGivesNoEstimate() {
        let facts = AutomationText.StoppingFacts(
            unscreened: 10, total: 100, reviewer: "bram", method: "irrelevant-run", targetRecall: 0.95,
            confidence: 0.95,
            irrelevantRun: 50, sampleShare: 0.1, screened: 90, relevant: 9, randomChecks: 0, reached: true)
        let text = AutomationText.stopping(.method(facts))
        #expect(
            text.en.hasSuffix("the rule allowed stopping after 90 records; this rule gives no estimate of the recall."))
        #expect(text.en.contains("Stopping rule: a run of irrelevant records in a row (50 in a row)."), "\(text.en)")
        #expect(text.nl.hasSuffix("de regel stond stoppen toe na 90 records; deze regel schat de recall niet."))
    }
}
