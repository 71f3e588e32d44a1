import Bibliography
import Foundation
import Testing

@testable import Formats

/// MathML and `<sup>`/`<sub>` in PubMed titles and abstracts become readable plain text.
@Suite struct MathMLTextTests {
    /// A PubMed file with `xml` as the abstract (and `title` as the title), made up here.
    static func pubmed(title: String = "A title.", abstract: String) -> String {
        """
        <?xml version="1.0"?>
        <PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>
        <ArticleTitle>\(title)</ArticleTitle>
        <Abstract><AbstractText>\(abstract)</AbstractText></Abstract>
        </Article></MedlineCitation></PubmedArticle></PubmedArticleSet>
        """
    }

    static func abstract(_ xml: String, chunk: Int = 3) throws -> String {
        try NewReadersTests.read(pubmed(abstract: xml), .pubmedXML, chunk: chunk).0[0].abstract.text
    }

    static let mml = "xmlns:mml=\"http://www.w3.org/1998/Math/MathML\""

    @Test func scriptsInMathML() throws {
        // Partial eta squared, as psychology abstracts write it.
        let eta = """
            effect (<mml:math \(Self.mml)>
              <mml:msubsup><mml:mi>η</mml:mi><mml:mi>p</mml:mi><mml:mn>2</mml:mn></mml:msubsup>
            </mml:math> = 0.12)
            """
        #expect(try Self.abstract(eta) == "effect (ηₚ² = 0.12)")
        let vo2 = """
            (<mml:math \(Self.mml)><mml:msub><mml:mrow><mml:mover><mml:mrow><mml:mi>V</mml:mi></mml:mrow>
            <mml:mo>.</mml:mo></mml:mover><mml:mi>O</mml:mi></mml:mrow><mml:mrow><mml:mn>2</mml:mn><mml:mi>m</mml:mi>
            <mml:mi>a</mml:mi><mml:mi>x</mml:mi></mml:mrow></mml:msub></mml:math>)
            """
        #expect(try Self.abstract(vo2) == "(V\u{307}O₂ₘₐₓ)")
        // No Unicode subscript for every letter: `_x`, in parentheses when more than a word.
        let trend = "<mml:math \(Self.mml)><mml:msub><mml:mi>p</mml:mi><mml:mi>trend</mml:mi></mml:msub></mml:math>"
        #expect(try Self.abstract(trend) == "p_trend")
        let sup = "<math><msup><mi>x</mi><mrow><mi>Q</mi><mo>+</mo><mn>1</mn></mrow></msup></math>"
        #expect(try Self.abstract(sup) == "x^(Q + 1)")
    }

    @Test func fractionsRootsFencesAndContentMathML() throws {
        let frac = "<math><mfrac><mrow><mi>a</mi><mo>+</mo><mn>1</mn></mrow><mi>b</mi></mfrac></math>"
        #expect(try Self.abstract(frac) == "(a + 1)/b")
        let root =
            "<math><mi>y</mi><mo>=</mo><msqrt><msup><mi>x</mi><mn>2</mn></msup><mo>+</mo><mn>1</mn></msqrt></math>"
        #expect(try Self.abstract(root) == "y = √(x² + 1)")
        let cube = "<math><mroot><mi>x</mi><mn>3</mn></mroot></math>"
        #expect(try Self.abstract(cube) == "³√x")
        let fenced =
            "<math><mfenced><mi>a</mi><mi>b</mi><mi>c</mi></mfenced><mfenced open='|' close='&gt;'>"
            + "<mi>a</mi></mfenced></math>"
        #expect(try Self.abstract(fenced) == "(a, b, c)|a>")
        let infinity = "n → <math xmlns=\"http://www.w3.org/1998/Math/MathML\"><infinity/></math>"
        #expect(try Self.abstract(infinity) == "n → ∞")
        let complex = "<math><apply><in/><cn type=\"complex-cartesian\">17<sep/>29</cn><complexes/></apply></math>"
        #expect(try Self.abstract(complex) == "17 + 29i ∈ ℂ")
    }

    @Test func inlineSupAndSubInTitlesAndAbstracts() throws {
        let xml = Self.pubmed(
            title: "CO<sub>2</sub> and x<sup>2</sup> in <i>Homo sapiens</i>",
            abstract:
                "15.0 km·h<sup>-1</sup>, LE<sub>min</sub> and LE<sub>min+1mM</sub>, HbA<sub>1c</sub>, ref<sup>1,2</sup>."
        )
        for chunk in [1, 5, 1 << 16] {
            let r = try NewReadersTests.read(xml, .pubmedXML, chunk: chunk).0[0]
            #expect(r.title == "CO₂ and x² in Homo sapiens")
            // Without a script form for every character, the text stays as written (`HbA1c`,
            // the spelling searches and eligibility criteria use).
            #expect(r.abstract.text == "15.0 km·h⁻¹, LEₘᵢₙ and LEmin+1mM, HbA1c, ref1,2.")
        }
    }

    @Test func scriptCharactersFoldToTheirBase() {
        #expect(Text.foldForMatching("CO₂ levels, x² and kg⁻¹") == Text.foldForMatching("CO2 levels, x2 and kg-1"))
        #expect(Text.foldForMatching("ηₚ²") == "etap2")
    }

    @Test(.enabled(if: sharedCorpus != nil, "the shared corpus (../shared/corpus) was not found"))
    func corpusMathML() throws {
        let corpus = try #require(sharedCorpus)
        let vo2 = try Exports.records(path: corpus + "/pubmed-xml/biopython_pubmed6_mathml.xml")[0]
        #expect(vo2.abstract.text.contains("maximal oxygen uptake ( V\u{307}O₂ₘₐₓ ) 67.6 ± 4.1 ml·kg⁻¹·min⁻¹]"))
        #expect(vo2.abstract.text.contains("LEₘᵢₙ"))
        let examples = try Exports.records(path: corpus + "/jabref/pubmed_xml/MedlineImporterTestMathML.xml")[0]
        let text = examples.abstract.text
        for expected in ["ηₚ²", "∞", "17 + 29i ∈ ℂ", "(a, b, c)", "(a + 1)/b"] {
            #expect(text.contains(expected), "\(expected) not in: \(text)")
        }
    }
}
