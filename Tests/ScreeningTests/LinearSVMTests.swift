import Screening
import Testing

/// The default ranking model against scikit-learn, and its warm start against a cold fit.
@Suite struct LinearSVMTests {
    /// Ten short records written for this test (no shared data).
    static let docs: [RankingDocument] = [
        (
            "Nurse led clinics for diabetes in general practice",
            "A trial of nurse led clinics for type 2 diabetes in general practice with follow up of glucose control."
        ),
        (
            "Hospital stay after hip surgery",
            "Length of hospital stay after hip surgery in older adults admitted to orthopaedic wards."
        ),
        (
            "Group visits for diabetes care",
            "Group visits in general practice improved diabetes care and glucose control in adults."
        ),
        (
            "Antibiotics for otitis media in children",
            "Antibiotics reduce pain in children with acute otitis media but cause diarrhoea."
        ),
        (
            "Self management of diabetes by nurses",
            "Nurses supported self management of diabetes in primary care clinics over two years."
        ),
        ("Surgery waiting lists", "Waiting lists for hip and knee surgery grew in older adults during the winter."),
        (
            "Diabetes education in primary care",
            "Education sessions for diabetes in primary care led by nurses improved glucose control."
        ),
        ("Asthma inhalers in children", "Inhaler technique in children with asthma improved after teaching in school."),
        (
            "Knee surgery outcomes in older adults",
            "Outcomes of knee surgery in older adults admitted to hospital wards after a fall."
        ),
        (
            "Pharmacist review of diabetes medicines",
            "A pharmacist reviewed diabetes medicines in general practice and glucose control improved."
        ),
    ].map { RankingDocument(title: $0.0, abstract: $0.1) }

    static let exact = Ranker.Configuration(tolerance: 1e-9)

    /// Decision values of scikit-learn 1.9.1 on the same records: TfidfVectorizer(ngram_range=(1, 2),
    /// sublinear_tf=True, min_df=1, max_df=0.95) over title + " " + abstract; LinearSVC(C=0.11,
    /// loss="squared_hinge", tol=1e-12) with ASReview's Balanced(ratio=9.8) sample weights, fitted
    /// on records 0 and 4 (relevant) and 1, 3, 5 (irrelevant).
    @Test func matchesScikitLearnLinearSVC() {
        let ranker = Ranker(documents: Self.docs, includeTerms: [], configuration: Self.exact)
        ranker.update(relevant: [0, 4], irrelevant: [1, 3, 5])
        let expected: [Int: Double] = [2: 0.369272, 6: 0.410833, 7: 0.307637, 8: 0.294398, 9: 0.376787]
        for (row, value) in expected {
            #expect(
                abs(ranker.scores[row] - value) < 1e-4, "record \(row): \(ranker.scores[row]), scikit-learn \(value)")
        }
        #expect(
            [0, 1, 3, 4, 5].allSatisfy { ranker.scores[$0] == -.infinity }, "decided records are never picked again")
    }

    /// Decisions added one at a time, one relabelled and one withdrawn (undo) give the scores
    /// of a model fitted once on the final decisions.
    @Test func warmStartEndsWhereAColdFitDoes() {
        let warm = Ranker(documents: Self.docs, includeTerms: [], configuration: Self.exact)
        warm.update(relevant: [0], irrelevant: [1])
        warm.update(relevant: [0], irrelevant: [1, 3])
        warm.update(relevant: [0, 2], irrelevant: [1, 3, 5])
        warm.update(relevant: [0, 2, 7], irrelevant: [1, 3, 5])
        // 7 relabelled irrelevant, 5 withdrawn, 8 added.
        warm.update(relevant: [0, 2], irrelevant: [1, 3, 7, 8])
        let cold = Ranker(documents: Self.docs, includeTerms: [], configuration: Self.exact)
        cold.update(relevant: [0, 2], irrelevant: [1, 3, 7, 8])
        for row in [4, 5, 6, 9] {
            #expect(
                abs(warm.scores[row] - cold.scores[row]) < 1e-5,
                "record \(row): warm \(warm.scores[row]), cold \(cold.scores[row])")
        }
    }

    /// Rows are L2-normalised over shared columns plus the features no other record has.
    @Test func rowsAreUnitLengthWithPrivateFeatures() {
        let m = FeatureMatrix(documents: Self.docs)
        for r in 0..<m.rowCount {
            var sum = m.privateNorms[r]
            for k in m.rowStart[r]..<m.rowStart[r + 1] { sum += Double(m.values[k]) * Double(m.values[k]) }
            #expect(abs(sum - 1) < 1e-5)
        }
        #expect(m.privateNorms.contains { $0 > 0 }, "every record has some words of its own")
        // "in" is in all 10 records: over the 95% share, so dropped unless the share is 1.
        let withStopWords = FeatureMatrix(documents: Self.docs, options: .init(maxDocumentShare: 1))
        #expect(withStopWords.columnCount > m.columnCount)
    }
}
