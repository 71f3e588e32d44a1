public import Foundation

/// ISO 8601 UTC timestamps to the second (`2026-05-01T10:22:03Z`), as decision logs write them.
///
/// The library never reads the clock: callers pass a `Date` (or a `now` closure).
public enum Timestamp {
    /// `date` as `YYYY-MM-DDTHH:MM:SSZ` in UTC.
    public static func string(from date: Date) -> String {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        var days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ v: Int64, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
            + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2) + "Z"
    }

    /// True when `text` is `YYYY-MM-DDTHH:MM:SS` with an optional fraction, followed by `Z`.
    public static func isValid(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count >= 20, b.last == UInt8(ascii: "Z") else { return false }
        func digits(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                v = v * 10 + Int(b[i] - 48)
            }
            return v
        }
        guard b[4] == 45, b[7] == 45, b[10] == UInt8(ascii: "T"), b[13] == 58, b[16] == 58,
            digits(0..<4) != nil, let mo = digits(5..<7), let d = digits(8..<10), let h = digits(11..<13),
            let mi = digits(14..<16), let s = digits(17..<19),
            (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, s < 61
        else { return false }
        if b.count == 20 { return true }
        guard b[19] == 46, b.count > 21 else { return false }
        return digits(20..<(b.count - 1)) != nil
    }
}
