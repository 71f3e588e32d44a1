/// TF-IDF features of a set of documents: words and word pairs (adjacent words; with stop words
/// removed first when ``Options/stopWords`` is on), hashed to 64 bits; sublinear term frequency
/// (1 + ln tf, the title's words counting ``Options/titleWeight`` times), smoothed idf
/// (ln((1 + N)/(1 + df)) + 1), rows L2-normalised. A feature is kept when it occurs in at
/// least ``Options/minDocumentFrequency`` documents and in at most
/// ``Options/maxDocumentShare`` of them.
///
/// Stored as a compressed sparse row matrix of the features shared by two or more documents
/// (plus ``privateNorms``); columns are numbered in hash order, so the matrix is the same on
/// every run.
public struct FeatureMatrix: Sendable {
    /// How text becomes features.
    public struct Options: Hashable, Sendable {
        /// Drop English stop words before forming words and pairs.
        public var stopWords: Bool
        /// Keep a feature only when at least this many documents have it.
        public var minDocumentFrequency: Int
        /// Drop a feature that more than this share of the documents have (1 keeps all).
        public var maxDocumentShare: Double
        /// How many times a word of the title counts in the term frequency (1 = like the abstract).
        public var titleWeight: Double

        public init(
            stopWords: Bool = false, minDocumentFrequency: Int = 1, maxDocumentShare: Double = 0.95,
            titleWeight: Double = 1
        ) {
            self.stopWords = stopWords
            self.minDocumentFrequency = minDocumentFrequency
            self.maxDocumentShare = maxDocumentShare
            self.titleWeight = titleWeight
        }
    }

    /// Row r's entries are `columns[rowStart[r]..<rowStart[r+1]]` and `values[…]`.
    public let rowStart: [Int]
    public let columns: [Int32]
    public let values: [Float]
    /// Number of distinct columns (features of two or more documents).
    public let columnCount: Int
    /// Per row, the squared length of its features that no other document has (0…1 of the
    /// normalised row). Such features are not columns: a weight learnt on one of them changes no
    /// other row's score, so a linear model needs only this sum (see ``LinearSVM``).
    public let privateNorms: [Double]
    /// Words per document (stop words included), for BM25 length normalisation.
    public let lengths: [Int]

    public var rowCount: Int { rowStart.count - 1 }

    init(
        uncheckedRowStart rowStart: [Int], columns: [Int32], values: [Float], columnCount: Int,
        privateNorms: [Double], lengths: [Int]
    ) {
        self.rowStart = rowStart
        self.columns = columns
        self.values = values
        self.columnCount = columnCount
        self.privateNorms = privateNorms
        self.lengths = lengths
    }

    /// Features of plain texts (each treated as an abstract without a title).
    public init(documents: [String], options: Options = Options()) {
        self.init(documents: documents.map { RankingDocument(title: "", abstract: $0) }, options: options)
    }

    /// - Complexity: O(total text length): each word hashed once, each feature looked up once in
    ///   an open-addressing table of the 64-bit feature hashes (``FeatureIDs``), the documents'
    ///   features kept as ids and term frequencies in flat arrays until the document
    ///   frequencies are known.
    public init(documents: [RankingDocument], options: Options = Options()) {
        // Pass 1: every document's features (ids in first-seen order, with their term
        // frequencies) and every feature's document frequency.
        var ids = FeatureIDs()
        var df: [Int32] = []
        var tf: [Double] = []
        var lastDocument: [Int32] = []
        var touched: [Int32] = []
        var featureIDs: [Int32] = []
        // Term frequencies are small sums of the weights: a Float holds them exactly in
        // practice; any that it does not are kept as Double by position.
        var featureTFs: [Float] = []
        var inexactTFs: [Int: Double] = [:]
        // At most two features (a word and a pair) per three bytes of text: reserved once, so the
        // arrays are never copied to grow (pages never written are never resident).
        var bound = 0
        for document in documents {
            bound += document.title.utf8.count + document.abstract.utf8.count + 2
            for keyword in document.keywords { bound += keyword.utf8.count + 1 }
        }
        featureIDs.reserveCapacity(bound)
        featureTFs.reserveCapacity(bound)
        var documentStart: [Int] = [0]
        documentStart.reserveCapacity(documents.count + 1)
        var lengths: [Int] = []
        lengths.reserveCapacity(documents.count)
        for (d, document) in documents.enumerated() {
            let mark = Int32(truncatingIfNeeded: d + 1)
            var previous: UInt64? = nil
            var words = 0
            func count(_ hash: UInt64, _ weight: Double) {
                let id = Int(ids.id(of: hash))
                if id == df.count {
                    df.append(0)
                    tf.append(0)
                    lastDocument.append(0)
                }
                if lastDocument[id] != mark {
                    lastDocument[id] = mark
                    tf[id] = 0
                    touched.append(Int32(id))
                }
                tf[id] += weight
            }
            func add(_ text: String, weight: Double) {
                Tokenizer.forEachWord(in: text, checkingStopWords: options.stopWords) { hash, isStopWord in
                    words += 1
                    if options.stopWords, isStopWord { return }
                    count(hash, weight)
                    if let p = previous { count(Tokenizer.pair(p, hash), weight) }
                    previous = hash
                }
            }
            add(document.title, weight: options.titleWeight)
            add(document.abstract, weight: 1)
            for keyword in document.keywords { add(keyword, weight: 1) }
            lengths.append(words)
            for id in touched {
                let i = Int(id)
                df[i] += 1
                let f = Float(tf[i])
                if Double(f) != tf[i] { inexactTFs[featureIDs.count] = tf[i] }
                featureIDs.append(id)
                featureTFs.append(f)
            }
            touched.removeAll(keepingCapacity: true)
            documentStart.append(featureIDs.count)
        }
        tf = []
        lastDocument = []

        // Columns: the features of two or more documents (and at most the maximum share), in hash order.
        let n = Double(documents.count)
        let maxCount = options.maxDocumentShare >= 1 ? Int32.max : Int32((options.maxDocumentShare * n).rounded(.down))
        let minCount = Int32(max(1, options.minDocumentFrequency))
        // A feature of one document only can never carry what was learnt to another document:
        // it is not stored as a column, only its share of the row's length (`privateNorms`).
        let keepsSingletons = minCount <= 1 && maxCount >= 1
        // Per feature: its column, or -1 for a feature of one document only that counts in
        // `privateNorms`, or -2 for one left out; the document frequencies are freed after.
        var kept: [Int32] = []
        do {
            let hashes = ids.takeHashes()
            for id in df.indices where df[id] >= max(2, minCount) && df[id] <= maxCount { kept.append(Int32(id)) }
            kept.sort { hashes[Int($0)] < hashes[Int($1)] }
        }
        var column = [Int32](repeating: -2, count: df.count)
        if keepsSingletons {
            for id in df.indices where df[id] == 1 { column[id] = -1 }
        }
        var idf = [Double](repeating: 0, count: kept.count)
        for (c, id) in kept.enumerated() {
            column[Int(id)] = Int32(c)
            idf[c] = Foundation_log((1 + n) / (1 + Double(df[Int(id)]))) + 1
        }
        df = []
        let singletonIDF = Foundation_log((1 + n) / 2) + 1

        // Pass 2: the rows.
        var rowStart = [0]
        rowStart.reserveCapacity(documents.count + 1)
        var columns: [Int32] = []
        var values: [Float] = []
        columns.reserveCapacity(featureIDs.count)
        values.reserveCapacity(featureIDs.count)
        var privateNorms: [Double] = []
        privateNorms.reserveCapacity(documents.count)
        var row: [(Int32, Double)] = []
        for d in documents.indices {
            row.removeAll(keepingCapacity: true)
            var privateNorm = 0.0
            for k in documentStart[d]..<documentStart[d + 1] {
                let id = Int(featureIDs[k])
                let tf = inexactTFs.isEmpty ? Double(featureTFs[k]) : inexactTFs[k] ?? Double(featureTFs[k])
                let c = column[id]
                if c >= 0 {
                    row.append((c, (1 + Foundation_log(tf)) * idf[Int(c)]))
                } else if c == -1 {
                    let v = (1 + Foundation_log(tf)) * singletonIDF
                    privateNorm += v * v
                }
            }
            row.sort { $0.0 < $1.0 }
            let squaredNorm = row.reduce(privateNorm) { $0 + $1.1 * $1.1 }
            let norm = squaredNorm.squareRoot()
            for (c, v) in row {
                columns.append(c)
                values.append(norm > 0 ? Float(v / norm) : 0)
            }
            privateNorms.append(squaredNorm > 0 ? privateNorm / squaredNorm : 0)
            rowStart.append(columns.count)
        }
        self.rowStart = rowStart
        self.columns = columns
        self.values = values
        self.columnCount = kept.count
        self.privateNorms = privateNorms
        self.lengths = lengths
    }
}

/// Numbers 64-bit feature hashes 0, 1, 2, … in the order first seen: an open-addressing table
/// (linear probing, at most 70 % full), far cheaper than a `Dictionary` (no SipHash per lookup).
struct FeatureIDs {
    private var keys: [UInt64]
    private var slots: [Int32]
    private var shift: UInt64
    /// The number of hashes seen.
    private(set) var count = 0

    init() {
        keys = [UInt64](repeating: 0, count: 1 << 12)
        slots = [Int32](repeating: -1, count: 1 << 12)
        shift = 64 - 12
    }

    /// The id of `hash`, a new one (``count`` before the call) when it is new.
    mutating func id(of hash: UInt64) -> Int32 {
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let slot = slots[i]
            if slot < 0 { break }
            if keys[i] == hash { return slot }
            i = (i + 1) & mask
        }
        let id = Int32(count)
        keys[i] = hash
        slots[i] = id
        count += 1
        if count * 10 > keys.count * 7 { grow() }
        return id
    }

    /// The hashes by id; the table is emptied (its memory freed): no id is given after this.
    mutating func takeHashes() -> [UInt64] {
        var hashes = [UInt64](repeating: 0, count: count)
        for (i, slot) in slots.enumerated() where slot >= 0 { hashes[Int(slot)] = keys[i] }
        keys = []
        slots = []
        return hashes
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldSlots = slots
        let capacity = keys.count * 2
        keys = []
        slots = []
        keys = [UInt64](repeating: 0, count: capacity)
        slots = [Int32](repeating: -1, count: capacity)
        shift -= 1
        let mask = capacity - 1
        for (k, id) in oldSlots.enumerated() where id >= 0 {
            let hash = oldKeys[k]
            var i = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[i] >= 0 { i = (i + 1) & mask }
            keys[i] = hash
            slots[i] = id
        }
    }
}

/// Splits text into lower-case words and hashes them: the words of scikit-learn's default
/// tokenizer (`(?u)\b\w\w+\b` after `str.lower()`): runs of two or more word characters, a
/// word character being, as in Python's `re`, a letter (Unicode categories L*), a character with
/// a numeric value (digits, `½`, `²`, …) or `_`. So `fatigue–related` is two words (the en dash
/// is not a word character), `naïve` and `µg` are one, and `Éa` becomes `éa`.
enum Tokenizer {
    /// Calls `body(hash, isStopWord)` for each word of `text`, in order (`isStopWord` is false
    /// for every word unless `checkingStopWords`).
    static func forEachWord(in text: String, checkingStopWords: Bool = true, _ body: (UInt64, Bool) -> Void) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var length = 0
        func flush() {
            if length >= 2 { body(h, checkingStopWords && stopWords.contains(h)) }
            h = 0xcbf2_9ce4_8422_2325
            length = 0
        }
        func addWordScalar(_ s: Unicode.Scalar) {
            for b in UTF8.encode(s)! {
                h ^= UInt64(b)
                h = h &* 0x0000_0100_0000_01b3
            }
            length += 1
        }
        var utf8 = text.utf8.makeIterator()
        while var b = utf8.next() {
            if b < 0x80 {
                if b >= 65, b <= 90 { b += 32 }
                if (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b == 95 {
                    h ^= UInt64(b)
                    h = h &* 0x0000_0100_0000_01b3
                    length += 1
                } else {
                    flush()
                }
                continue
            }
            // A non-ASCII scalar (a String's UTF-8 is always valid): decode, lower-case, classify.
            let extra = b >= 0xF0 ? 3 : b >= 0xE0 ? 2 : 1
            var value = UInt32(b) & (extra == 3 ? 0x07 : extra == 2 ? 0x0F : 0x1F)
            for _ in 0..<extra { value = value << 6 | UInt32(utf8.next() ?? 0x80) & 0x3F }
            guard let scalar = Unicode.Scalar(value) else {
                flush()
                continue
            }
            if scalar.properties.changesWhenLowercased {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    if isWordCharacter(lower) { addWordScalar(lower) } else { flush() }
                }
            } else if isWordCharacter(scalar) {
                addWordScalar(scalar)
            } else {
                flush()
            }
        }
        flush()
    }

    /// Python's `\w` for one scalar: a letter, a character with a numeric value, or `_`.
    static func isWordCharacter(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let b = UInt8(s.value)
            return (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b == 95
        }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return true
        default:
            return s.properties.numericType != nil
        }
    }

    static func hash(_ word: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in word.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    /// The feature of the word pair (a, b).
    static func pair(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var z = a &* 0x9E37_79B9_7F4A_7C15 ^ (b &+ 0x632B_E59B_D9B4_E019)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        return z ^ (z >> 31)
    }

    /// English stop words (a short form of the common lists), hashed.
    static let stopWords: Set<UInt64> = Set(
        """
        a about above after again against all am an and any are as at be because been before being below between both but by
        can could did do does doing down during each few for from further had has have having he her here hers herself him
        himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other
        our ours ourselves out over own same she should so some such than that the their theirs them themselves then there
        these they this those through to too under until up very was we were what when where which while who whom why will
        with would you your yours yourself yourselves also among may might must within without however therefore thus
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { hash(String($0)) })
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@inline(__always) func Foundation_log(_ x: Double) -> Double { log(x) }
@inline(__always) func Foundation_exp(_ x: Double) -> Double { exp(x) }
