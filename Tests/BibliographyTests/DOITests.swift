import Testing
@testable import Bibliography

@Suite struct DOITests {
    @Test(arguments: [
        ("https://doi.org/10.1000/ABC.123.", "10.1000/abc.123"),
        ("doi:10.1000/xyz;", "10.1000/xyz"),
        ("http://dx.doi.org/10.1016/S0140-6736(19)30000-0", "10.1016/s0140-6736(19)30000-0"),
        ("10.1000/abc [doi]", "10.1000/abc"),
    ])
    func normalizes(raw: String, expected: String) {
        #expect(DOI.normalize(raw) == expected)
    }

    @Test func rejectsNonDOI() {
        #expect(DOI.normalize("not a doi") == nil)
        #expect(DOI.normalize("") == nil)
    }
}
