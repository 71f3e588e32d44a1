/// Normalises language names and codes as exports write them (`eng`, `English`, `dut`, `nld`,
/// `Dutch`, `Nederlands`) to ISO 639-1 (`en`, `nl`).
public enum LanguageCode {
    /// The ISO 639-1 code for `raw`, or `raw` folded (lower case, no accents) when unknown.
    public static func normalize(_ raw: String) -> String {
        let key = FoldedText(raw).foldedLetters
        return table[key] ?? key
    }

    /// Splits a field that holds several languages (`English; Dutch`, `eng/dut`) and normalises each.
    public static func normalizeList(_ raw: String) -> [String] {
        let parts = raw.split(whereSeparator: { ";,/|".contains($0) }).flatMap { $0.components(separatedBy: " and ") }
        return parts.map { normalize($0) }.filter { !$0.isEmpty }
    }

    private static let table: [String: String] = {
        let groups: [String: [String]] = [
            "en": ["en", "eng", "english", "engels"],
            "nl": ["nl", "nld", "dut", "dutch", "nederlands", "flemish", "vlaams"],
            "de": ["de", "deu", "ger", "german", "deutsch", "duits"],
            "fr": ["fr", "fra", "fre", "french", "francais", "frans"],
            "es": ["es", "spa", "spanish", "espanol", "spaans"],
            "it": ["it", "ita", "italian", "italiano", "italiaans"],
            "pt": ["pt", "por", "portuguese", "portugues", "portugees"],
            "sv": ["sv", "swe", "swedish", "svenska", "zweeds"],
            "da": ["da", "dan", "danish", "dansk", "deens"],
            "no": ["no", "nor", "nob", "nno", "norwegian", "norsk", "noors"],
            "fi": ["fi", "fin", "finnish", "fins"],
            "pl": ["pl", "pol", "polish", "pools"],
            "cs": ["cs", "ces", "cze", "czech", "tsjechisch"],
            "hu": ["hu", "hun", "hungarian", "hongaars"],
            "ru": ["ru", "rus", "russian", "russisch"],
            "el": ["el", "ell", "gre", "greek", "grieks"],
            "tr": ["tr", "tur", "turkish", "turks"],
            "ar": ["ar", "ara", "arabic", "arabisch"],
            "he": ["he", "heb", "hebrew", "hebreeuws"],
            "zh": ["zh", "zho", "chi", "chinese", "chinees"],
            "ja": ["ja", "jpn", "japanese", "japans"],
            "ko": ["ko", "kor", "korean", "koreaans"],
            "fa": ["fa", "fas", "per", "persian", "farsi"],
            "hr": ["hr", "hrv", "croatian"],
            "sr": ["sr", "srp", "serbian"],
            "sl": ["sl", "slv", "slovenian"],
            "sk": ["sk", "slk", "slo", "slovak"],
            "ro": ["ro", "ron", "rum", "romanian"],
            "bg": ["bg", "bul", "bulgarian"],
            "uk": ["uk", "ukr", "ukrainian"],
            "lt": ["lt", "lit", "lithuanian"],
            "et": ["et", "est", "estonian"],
            "lv": ["lv", "lav", "latvian"],
            "is": ["is", "isl", "ice", "icelandic"],
            "af": ["af", "afr", "afrikaans"],
            "id": ["id", "ind", "indonesian"],
            "th": ["th", "tha", "thai"],
            "vi": ["vi", "vie", "vietnamese"],
            "hi": ["hi", "hin", "hindi"],
            "ca": ["ca", "cat", "catalan"],
            "la": ["la", "lat", "latin"],
        ]
        var table: [String: String] = [:]
        for (code, names) in groups { for name in names { table[name] = code } }
        return table
    }()
}

import Foundation
