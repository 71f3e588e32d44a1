/// A publication date as precise as the source gives it: a year, perhaps a month and a day.
///
/// `text` keeps what the source wrote when it could not be split (`2019 Winter`,
/// `1998 Dec-1999 Jan`) so nothing is lost.
public struct PublicationDate: Hashable, Codable, Sendable, Comparable {
    public var year: Int?
    public var month: Int?
    public var day: Int?
    /// The date as written, when it is more than year-month-day (a season, a range).
    public var text: String?

    public init(year: Int?, month: Int? = nil, day: Int? = nil, text: String? = nil) {
        self.year = year
        self.month = month.flatMap { (1...12).contains($0) ? $0 : nil }
        self.day = self.month == nil ? nil : day.flatMap { (1...31).contains($0) ? $0 : nil }
        self.text = text
    }

    /// Parses the date forms exports use: `2019`, `2019/05/14`, `2019/05//`, `2019//`,
    /// `2019-05-14`, `2019 May 14`, `2019 May`, `May 2019`, `1998 Dec-1999 Jan`, `2019 Winter`.
    ///
    /// Returns nil when no plausible year (1000–2999) is found.
    public init?(parsing raw: String) {
        let s = Text.normalizeWhitespace(raw)
        guard !s.isEmpty else { return nil }
        // Tokens of digits and letters.
        let tokens = s.utf8.allSatisfy({ $0 < 0x80 }) ? PublicationDate.asciiTokens(s) : PublicationDate.tokens(s)
        guard
            let yearIndex = tokens.firstIndex(where: {
                $0.count == 4 && $0.allSatisfy(\.isNumber) && (1000...2999).contains(Int($0) ?? 0)
            }),
            let year = Int(tokens[yearIndex])
        else { return nil }
        var month: Int?
        var day: Int?
        let rest = tokens[(yearIndex + 1)...]
        let before = tokens[..<yearIndex]
        if let m = rest.first {
            if let n = Int(m), (1...12).contains(n) {
                month = n
                if let d = rest.dropFirst().first, let dn = Int(d) { day = dn }
            } else if let n = PublicationDate.month(named: m) {
                month = n
                if let d = rest.dropFirst().first, let dn = Int(d) { day = dn }
            }
        } else if let m = before.last, let n = PublicationDate.month(named: m) {
            // "May 2019", "14 May 2019"
            month = n
            if before.count >= 2, let dn = Int(before[before.index(before: before.endIndex - 1)]) { day = dn }
        }
        // Plain: exactly year[, month[, day]] with nothing else (a second month or a season
        // makes it a range or a season, kept as text).
        let monthTokens = tokens.filter { PublicationDate.month(named: $0) != nil }.count
        let isPlain =
            tokens.count <= 3 && (month != nil || tokens.count == 1) && monthTokens <= 1
            && tokens.allSatisfy { $0.allSatisfy(\.isNumber) || PublicationDate.month(named: $0) != nil }
        self.init(year: year, month: month, day: day, text: isPlain ? nil : s)
    }

    /// Runs of letters and of digits (`1998 Dec-1999 Jan` → `1998`, `Dec`, `1999`, `Jan`).
    static func tokens(_ s: String) -> [Substring] {
        var tokens: [Substring] = []
        var start: String.Index?
        var isDigitRun = false
        for i in s.indices {
            let c = s[i]
            let isAlnum = c.isLetter || c.isNumber
            if isAlnum {
                if let st = start, (c.isNumber) != isDigitRun {
                    tokens.append(s[st..<i])
                    start = i
                    isDigitRun = c.isNumber
                } else if start == nil {
                    start = i
                    isDigitRun = c.isNumber
                }
            } else if let st = start {
                tokens.append(s[st..<i])
                start = nil
            }
        }
        if let st = start { tokens.append(s[st...]) }
        return tokens
    }

    /// ``tokens(_:)`` for ASCII text, on bytes: letters are A–Z and a–z, digits 0–9 (what
    /// `Character.isLetter` and `isNumber` say of ASCII).
    static func asciiTokens(_ s: String) -> [Substring] {
        var tokens: [Substring] = []
        let utf8 = s.utf8
        var start: String.Index?
        var isDigitRun = false
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let b = utf8[i]
            let isDigit = b >= 0x30 && b <= 0x39
            let isAlnum = isDigit || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A)
            if isAlnum {
                if let st = start, isDigit != isDigitRun {
                    tokens.append(s[st..<i])
                    start = i
                    isDigitRun = isDigit
                } else if start == nil {
                    start = i
                    isDigitRun = isDigit
                }
            } else if let st = start {
                tokens.append(s[st..<i])
                start = nil
            }
            i = utf8.index(after: i)
        }
        if let st = start { tokens.append(s[st...]) }
        return tokens
    }

    /// ISO-8601 as far as known: `2019`, `2019-05`, `2019-05-14`.
    public var iso: String {
        guard let year else { return text ?? "" }
        var s = String(year)
        if let month {
            s += "-" + (month < 10 ? "0" : "") + String(month)
            if let day { s += "-" + (day < 10 ? "0" : "") + String(day) }
        }
        return s
    }

    public static func < (lhs: PublicationDate, rhs: PublicationDate) -> Bool {
        (lhs.year ?? 0, lhs.month ?? 0, lhs.day ?? 0) < (rhs.year ?? 0, rhs.month ?? 0, rhs.day ?? 0)
    }

    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let dutchMonths = ["jan", "feb", "maa", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]

    /// The month number of an English or Dutch month name or abbreviation.
    static func month(named token: Substring) -> Int? {
        guard token.count >= 3, token.first?.isLetter == true else { return nil }
        let prefix = token.prefix(3).lowercased()
        if let i = monthNames.firstIndex(of: prefix) { return i + 1 }
        if let i = dutchMonths.firstIndex(of: prefix) { return i + 1 }
        return nil
    }
}
