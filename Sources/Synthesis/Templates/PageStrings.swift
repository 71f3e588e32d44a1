import Protocol

/// The fixed texts of the two HTML pages (the interactive gap map and the report page), one
/// table per language. The texts the pages share with the other outputs (titles, legend,
/// direction labels) come from ``ReportStrings``.
struct PageStrings: Sendable {
    let filters: String
    let all: String
    let yearFrom: String
    let yearTo: String
    let status: String
    let statusAll: String
    let completed: String
    let ongoing: String
    let search: String
    let searchPlaceholder: String
    let reset: String
    let shown: String
    let cellHelp: String
    let close: String
    let noMatch: String
    let studiesIn: String
    let directionColumn: String
    let designColumn: String
    let linkColumn: String
    let gapsHeading: String
    let noGaps: String
    let provenance: String
    let searchedUntil: String
    let protocolHash: String
    let countsLine: String
    let noScript: String
    let contents: String
    let interactiveMap: String
    let printedFilters: String
    let studyWord: String
    let studiesWord: String
    let gapWord: String
    let ongoingWord: String
    let matches: String
    let generatedBy: String

    static func table(_ language: ReportLanguage) -> PageStrings {
        switch language {
        case .en: english
        case .nl: dutch
        }
    }

    static let english = PageStrings(
        filters: "Filters",
        all: "all",
        yearFrom: "Year from",
        yearTo: "to",
        status: "Status",
        statusAll: "completed and ongoing",
        completed: "completed",
        ongoing: "ongoing",
        search: "Search titles",
        searchPlaceholder: "a word from the title",
        reset: "Clear filters",
        shown: "{n} of {total} studies shown ({ongoing} ongoing); {gaps} of {cells} cells have no completed study.",
        cellHelp:
            "Each marker is sized by its number of studies. Tab to a cell (arrow keys to the next), "
            + "Enter lists its studies.",
        close: "Close",
        noMatch: "No study matches the filters.",
        studiesIn: "Studies",
        directionColumn: "Outcomes and direction",
        designColumn: "Design",
        linkColumn: "Link",
        gapsHeading: "Gaps with the current filters",
        noGaps: "No gaps with the current filters.",
        provenance: "Where this map comes from",
        searchedUntil: "searches up to",
        protocolHash: "protocol SHA-256",
        countsLine:
            "{identified} records identified, {included} studies included ({ongoing} ongoing), {charted} charted.",
        noScript:
            "This map needs JavaScript to filter and list studies; the same map is in gap-map.svg and gap-map.md.",
        contents: "Contents",
        interactiveMap: "Open the interactive evidence gap map",
        printedFilters: "Filters applied",
        studyWord: "study",
        studiesWord: "studies",
        gapWord: "gap",
        ongoingWord: "ongoing",
        matches: "{n} titles match",
        generatedBy: "Made by"
    )

    static let dutch = PageStrings(
        filters: "Filters",
        all: "alle",
        yearFrom: "Jaar van",
        yearTo: "tot en met",
        status: "Status",
        statusAll: "afgerond en lopend",
        completed: "afgerond",
        ongoing: "lopend",
        search: "Zoek in titels",
        searchPlaceholder: "een woord uit de titel",
        reset: "Filters wissen",
        shown:
            "{n} van {total} studies getoond ({ongoing} lopend); {gaps} van {cells} cellen hebben geen afgeronde studie.",
        cellHelp:
            "Elk symbool is zo groot als het aantal studies. Tab naar een cel (pijltjestoetsen naar de "
            + "volgende), Enter toont de studies.",
        close: "Sluiten",
        noMatch: "Geen studie voldoet aan de filters.",
        studiesIn: "Studies",
        directionColumn: "Uitkomsten en richting",
        designColumn: "Opzet",
        linkColumn: "Link",
        gapsHeading: "Witte vlekken met de gekozen filters",
        noGaps: "Geen witte vlekken met de gekozen filters.",
        provenance: "Herkomst van deze kaart",
        searchedUntil: "zoekacties tot en met",
        protocolHash: "SHA-256 van het protocol",
        countsLine:
            "{identified} records gevonden, {included} studies geïncludeerd ({ongoing} lopend), {charted} geëxtraheerd.",
        noScript:
            "Voor filters en studielijsten is JavaScript nodig; dezelfde kaart staat in gap-map.svg en gap-map.md.",
        contents: "Inhoud",
        interactiveMap: "Open de interactieve kaart van bewijs en witte vlekken",
        printedFilters: "Gekozen filters",
        studyWord: "studie",
        studiesWord: "studies",
        gapWord: "witte vlek",
        ongoingWord: "lopend",
        matches: "{n} titels gevonden",
        generatedBy: "Gemaakt met"
    )
}
