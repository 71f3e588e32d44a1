/// A fast, dependency-free JSON encoding of records, with the same keys `Codable` uses, so
/// `JSONDecoder` reads it back. Keys come in a fixed order and nil fields are left out, so the
/// same record always gives the same bytes.
extension Record {
    /// The record as one line of JSON (no trailing newline).
    ///
    /// - Complexity: O(size of the record).
    public func jsonString() -> String {
        let w = JSONWriter()
        w.object {
            w.field("type", type.rawValue)
            w.field("title", title)
            w.field("originalTitle", originalTitle)
            w.key("abstract")
            w.object {
                w.key("sections")
                w.array(abstract.sections) { s in
                    w.object {
                        w.field("label", s.label)
                        w.field("category", s.category)
                        w.field("text", s.text)
                    }
                }
            }
            w.key("authors")
            w.array(authors) { w.author($0) }
            w.key("editors")
            w.array(editors) { w.author($0) }
            if let date {
                w.key("date")
                w.object {
                    w.field("year", date.year)
                    w.field("month", date.month)
                    w.field("day", date.day)
                    w.field("text", date.text)
                }
            }
            w.field("journal", journal)
            w.field("journalAbbreviation", journalAbbreviation)
            w.field("volume", volume)
            w.field("issue", issue)
            w.field("pages", pages)
            w.field("doi", doi)
            w.field("pmid", pmid)
            w.field("pmcid", pmcid)
            w.key("otherIDs")
            w.array(otherIDs) { id in
                w.object {
                    w.field("scheme", id.scheme)
                    w.field("value", id.value)
                }
            }
            w.key("languages")
            w.strings(languages)
            w.key("publicationTypes")
            w.strings(publicationTypes)
            w.key("mesh")
            w.array(mesh) { m in
                w.object {
                    w.field("descriptor", m.descriptor)
                    w.key("qualifiers")
                    w.strings(m.qualifiers)
                    w.key("isMajorTopic")
                    w.raw(m.isMajorTopic ? "true" : "false")
                }
            }
            w.key("keywords")
            w.strings(keywords)
            w.key("affiliations")
            w.strings(affiliations)
            w.key("urls")
            w.strings(urls)
            w.field("publisher", publisher)
            w.key("notes")
            w.strings(notes)
            if let trial { w.trial(trial) }
        }
        return w.output
    }
}

/// A minimal streaming JSON writer.
final class JSONWriter {
    var output = ""
    private var needsComma = false

    func raw(_ s: String) {
        output += s
        needsComma = true
    }

    func key(_ k: String) {
        if needsComma { output += "," }
        output += "\""
        output += k
        output += "\":"
        needsComma = false
    }

    func object(_ body: () -> Void) {
        if needsComma { output += "," }
        output += "{"
        needsComma = false
        body()
        output += "}"
        needsComma = true
    }

    func array<T>(_ items: [T], _ body: (T) -> Void) {
        if needsComma { output += "," }
        output += "["
        needsComma = false
        for item in items { body(item) }
        output += "]"
        needsComma = true
    }

    func strings(_ items: [String]) {
        array(items) { string($0) }
    }

    func field(_ k: String, _ v: String?) {
        guard let v else { return }
        key(k)
        string(v)
    }

    func field(_ k: String, _ v: Int?) {
        guard let v else { return }
        key(k)
        raw(String(v))
    }

    func date(_ key: String, _ date: PublicationDate?) {
        guard let date else { return }
        self.key(key)
        object {
            field("year", date.year)
            field("month", date.month)
            field("day", date.day)
            field("text", date.text)
        }
    }

    func trial(_ t: TrialRegistration) {
        key("trial")
        object {
            field("registrationID", t.registrationID)
            field("register", t.register)
            key("secondaryIDs")
            strings(t.secondaryIDs)
            field("status", t.status)
            key("conditions")
            strings(t.conditions)
            key("interventions")
            strings(t.interventions)
            date("startDate", t.startDate)
            date("completionDate", t.completionDate)
            field("sponsor", t.sponsor)
            key("countries")
            strings(t.countries)
            field("studyType", t.studyType)
            field("phase", t.phase)
        }
    }

    func author(_ a: Author) {
        object {
            field("family", a.family)
            field("given", a.given)
            field("initials", a.initials)
            field("suffix", a.suffix)
            key("isGroup")
            raw(a.isGroup ? "true" : "false")
        }
    }

    func string(_ s: String) {
        if needsComma { output += "," }
        output += JSONText.quote(s)
        needsComma = true
    }
}

/// JSON string quoting (RFC 8259) for hand-written, stable JSON lines: `"`, `\`, and control
/// characters escaped, everything else kept as UTF-8.
public enum JSONText {
    /// `s` as a JSON string literal, quotes included.
    public static func quote(_ s: String) -> String { quote(s, forHTMLScript: false) }

    /// `s` as a JSON string literal, quotes included.
    ///
    /// - Parameter forHTMLScript: also escape `<`, `>`, `&`, U+2028 and U+2029 (as `\u003c` …),
    ///   so the literal can stand inside an HTML `<script>` element whatever the text holds
    ///   (`</script>` included) and in every JavaScript version.
    public static func quote(_ s: String, forHTMLScript: Bool) -> String {
        var plain = true
        for u in s.utf8
        where u < 0x20 || u == 0x22 || u == 0x5C
            || (forHTMLScript && (u == 0x3C || u == 0x3E || u == 0x26 || u == 0xE2))
        {
            plain = false
            break
        }
        if plain { return "\"" + s + "\"" }
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<" where forHTMLScript: out += "\\u003c"
            case ">" where forHTMLScript: out += "\\u003e"
            case "&" where forHTMLScript: out += "\\u0026"
            case "\u{2028}" where forHTMLScript: out += "\\u2028"
            case "\u{2029}" where forHTMLScript: out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
