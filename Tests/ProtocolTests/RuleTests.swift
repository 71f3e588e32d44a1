import Bibliography
import Protocol
import Testing

/// The rule language: parsing, precedence, operators, errors, evaluation with explanations.
@Suite struct RuleTests {
    func holds(_ rule: String, _ record: Record) throws -> Bool {
        try Rule(rule).evaluate(record).holds
    }

    func syntaxError(_ rule: String) -> RuleSyntaxError? {
        do {
            _ = try Rule(rule)
            return nil
        } catch {
            return error
        }
    }

    let old = Support.record(
        title: "Telemonitoring of COPD by the practice nurse", abstract: "A cluster randomised trial.", year: 2012,
        languages: ["eng"], types: ["Journal Article"], keywords: ["self-management"],
        affiliations: ["Dept of General Practice, UMC Utrecht, Utrecht, the Netherlands. a@b.nl"],
        journal: "BMC Family Practice")

    @Test func comparisons() throws {
        #expect(try holds("year < 2015", old))
        #expect(try holds("year <= 2012", old))
        #expect(try !holds("year > 2012", old))
        #expect(try holds("year >= 2012", old))
        #expect(try holds("year = 2012", old))
        #expect(try holds("year == 2012", old))
        #expect(try holds("year != 2013", old))
        #expect(try holds("journal = \"bmc family practice\"", old))
        #expect(try holds("country = \"Netherlands\"", old))
    }

    @Test func missingValuesNeverSatisfyAComparison() throws {
        let empty = Record()
        for rule in [
            "year < 2015", "year >= 2015", "year != 2015", "language in [\"en\"]", "language not in [\"en\"]",
            "language != \"en\"", "title contains \"x\"",
        ] {
            #expect(try !holds(rule, empty), "\(rule)")
        }
        #expect(try holds("not language in [\"en\"]", empty))
    }

    @Test func inAndNotIn() throws {
        #expect(try holds("year in [2011, 2012]", old))
        #expect(try holds("language in [\"English\"]", old))
        #expect(try !holds("language not in [\"en\", \"nl\"]", old))
        let german = Support.record(languages: ["ger"])
        #expect(try holds("language not in [\"en\", \"nl\"]", german))
        let bilingual = Support.record(languages: ["German; Dutch"])
        #expect(try !holds("language not in [\"en\", \"nl\"]", bilingual))
        #expect(try holds("publication_type in [\"journal art*\"]", old))
    }

    @Test(arguments: [
        ("eng", "en"), ("English", "en"), ("en", "en"), ("dut", "nl"), ("Dutch", "nl"), ("nl", "nl"), ("nld", "nl"),
        ("Nederlands", "nl"), ("ger", "de"), ("Klingon", "klingon"),
    ])
    func languagesNormalise(_ raw: String, _ code: String) {
        #expect(LanguageCode.normalize(raw) == code)
    }

    @Test func containsAndMatches() throws {
        #expect(try holds("title contains \"telemonitor*\"", old))
        #expect(try holds("text contains \"zelf management\"", Support.record(abstract: "Zelf-management support")))
        #expect(try holds("keywords contains \"selfmanagement\"", old))
        #expect(try holds("text contains [\"foo\", \"practice nurse*\"]", old))
        #expect(try !holds("title contains \"nurse\"", Support.record(title: "nursery")))
        #expect(try holds("abstract matches /cluster[- ]randomi[sz]ed/", old))
        #expect(try holds("affiliation matches /utrecht/", old))
        #expect(try !holds("title matches /^copd/", old))
    }

    @Test func precedenceNotThenAndThenOr() throws {
        // or binds loosest: true or (false and false) = true
        #expect(try holds("year = 2012 or year = 1 and year = 2", old))
        // not binds tighter than and: (not false) and true = true
        #expect(try holds("not year = 1 and year = 2012", old))
        #expect(try !holds("not (year = 1 or year = 2012)", old))
        #expect(try !holds("(year = 2012 or year = 1) and year = 2", old))
        #expect(try holds("NOT year = 1 AND year = 2012", old))
    }

    @Test func explanationsNameTheConditionAndTheText() throws {
        let rule = try Rule(
            "year < 2015 and (title contains \"telemonitor*\" or title contains \"asthma\") and not language = \"nl\"")
        let result = rule.evaluate(old)
        #expect(result.holds)
        #expect(
            result.evidence.map(\.description) == [
                "year < 2015 (year = 2012)",
                "title contains \"telemonitor*\" (title = Telemonitoring)",
                "not language = \"nl\" (language = en)",
            ])
        #expect(try Rule("year > 2020 or title contains \"x\"").evaluate(old).evidence.isEmpty)
        #expect(rule.fields == [.year, .title, .language])
    }

    @Test func regexIsTimeBounded() throws {
        let rule = try Rule("title matches /(a+)+$/")
        let hostile = Support.record(title: String(repeating: "a", count: 40) + "!")
        let clock = ContinuousClock()
        var result = false
        let elapsed = clock.measure { result = rule.evaluate(hostile).holds }
        #expect(!result)
        #expect(elapsed < .seconds(2))
    }

    @Test func syntaxErrorsPointAtTheProblem() {
        #expect(
            syntaxError("yeer < 2015")
                == RuleSyntaxError("unknown field 'yeer'", at: 0..<4, hint: "did you mean 'year'?"))
        #expect(
            syntaxError("year < \"2015\"")
                == RuleSyntaxError(
                    "'year' is compared with a number, not a string", at: 7..<13, hint: "remove the quotes"))
        #expect(syntaxError("title < 3")?.message == "'<' compares numbers, and 'title' is text")
        #expect(syntaxError("year < 2015 language = \"en\"")?.span == 12..<20)
        #expect(syntaxError("(year < 2015")?.message == "expected ')' to close a '('")
        #expect(syntaxError("language in [\"en\", \"nl\"")?.span == 23..<23)
        #expect(syntaxError("title contains \"groeps*consult\"")?.span == 22..<23)
        #expect(syntaxError("title matches /(/")?.message == "invalid regular expression /(/")
        #expect(syntaxError("title matches /abc")?.message == "unterminated regular expression: missing closing '/'")
        #expect(syntaxError("title contains \"abc")?.span == 15..<16)
        #expect(syntaxError("")?.message == "the rule is empty")
        #expect(syntaxError("year")?.message == "expected an operator after 'year'")
        #expect(syntaxError("year < 2015 and")?.message == "the rule ends where a condition was expected")
        #expect(syntaxError("language not [\"en\"]")?.message == "expected 'in' after 'language not', found '['")
        #expect(syntaxError("language in []")?.message == "the list is empty")
        #expect(syntaxError("year contains \"x\"")?.message == "'contains' works on text fields, not on 'year'")
    }
}
