import Foundation

extension ReportStrings {
    static let dutch = ReportStrings(
        language: .nl,
        identification: "Identificatie",
        screening: "Selectie",
        includedBand: "Geïncludeerd",
        recordsIdentified: "Records gevonden in databases",
        databasesWord: "Databases",
        removedBeforeScreening: "Records verwijderd vóór de selectie",
        duplicatesRemoved: "Dubbele records verwijderd",
        markedByAutomation: "Records automatisch als niet-geschikt gemarkeerd",
        removedOther: "Records om andere redenen verwijderd",
        recordsScreened: "Records beoordeeld op titel en samenvatting",
        recordsExcluded: "Records geëxcludeerd",
        reportsSought: "Publicaties opgevraagd",
        reportsNotRetrieved: "Publicaties niet verkregen",
        reportsAssessed: "Publicaties beoordeeld op volledige tekst",
        reportsExcluded: "Publicaties geëxcludeerd",
        studiesIncluded: "Studies geïncludeerd in de review",
        reportsOfIncluded: "Publicaties van geïncludeerde studies",
        flowTitle: "PRISMA-ScR-stroomdiagram",
        gapMapTitle: "Kaart van bewijs en witte vlekken",
        legend: "Legenda",
        ongoingWord: "lopend",
        gapWord: "witte vlek",
        noGaps: "Elke cel bevat ten minste één afgeronde studie.",
        cellNoStudy: "geen afgeronde studie (witte vlek)",
        interventionWord: "Interventie",
        outcomeWord: "Uitkomst",
        studiesWord: "studies",
        question: "Onderzoeksvraag",
        questions: "Onderzoeksvragen",
        authors: "Auteurs",
        registration: "Registratie",
        methods: "Methode",
        protocolAndRegistration: "Protocol en registratie",
        protocolSentence: { registration in
            "De review volgt de JBI-methode voor scoping reviews en rapporteert volgens PRISMA-ScR. Het protocol (vraag, in- en exclusiecriteria, zoekacties, codeboek voor de data-extractie en de resultatenmatrix) staat in `protocol/protocol.yaml`"
                + (registration.map { " en is geregistreerd op <\($0)>." } ?? ".")
        },
        eligibility: "In- en exclusiecriteria",
        population: "Populatie",
        concept: "Concept",
        context: "Context",
        criterionColumn: "Criterium",
        stageColumn: "Toegepast bij",
        stageAuto: "automatisch",
        stageTitleAbstract: "titel/samenvatting",
        stageFullText: "volledige tekst",
        sources: "Bronnen en zoekstrategie",
        databaseColumn: "Database",
        interfaceColumn: "Interface",
        dateColumn: "Gezocht op",
        recordsColumn: "Records",
        searchStrategies: "Zoekstrategieën",
        selection: "Selectie van studies",
        screeningSentence: { reviewers, stage, perRecord, blinded, pilot in
            var s = "Bij de selectie op \(stage) "
            s +=
                perRecord >= 2
                ? "beoordeelden twee reviewers (\(reviewers)) elk record onafhankelijk van elkaar"
                : "beoordeelde één reviewer (van \(reviewers)) elk record"
            s += blinded ? ", zonder elkaars beslissingen te zien" : ""
            s += pilot > 0 ? ", na een kalibratiepilot van \(pilot) records." : "."
            return s
        },
        conflictSentence:
            "Verschillen van mening zijn in overleg opgelost; de uiteindelijke beslissing is als reconciliatie vastgelegd.",
        agreementTitle: "Overeenstemming tussen reviewers",
        agreementHeader: [
            "Fase", "Reviewers", "Records", "Overeenstemming", "Cohens κ (95%-BI)", "PABAK", "Conflicten opgelost",
        ],
        automationTitle: "Automatisering",
        dedupSentence: { recordsIn, unique, groups in
            "Dubbele records zijn automatisch opgespoord (eerst op identificatoren, dan op titel, auteurs, jaar en tijdschrift volgens vaste regels) en door een persoon gecontroleerd: de \(recordsIn) geïmporteerde records vormen \(unique) unieke records; \(groups) unieke records kwamen meer dan eens voor."
        },
        dedupDecidedSentence: { n in
            "Een persoon besliste over \(n) \(n == 1 ? "paar" : "paren") records die de regels onzeker lieten (of als twijfelachtig tegenhielden)."
        },
        automaticCriteriaSentence: { n in
            "Criteria die alleen uit de bibliografische gegevens te beoordelen zijn, zijn automatisch toegepast met regels uit het protocol; zij sloten \(n) records uit (zie het stroomdiagram)."
        },
        noAutomaticCriteria: "Geen criterium is automatisch toegepast.",
        rankingNone: "Records zijn in een vaste volgorde beoordeeld, zonder rangschikking op relevantie.",
        stoppingNone: "Alle records zijn beoordeeld; de selectie is niet vroegtijdig gestopt.",
        chartingTitle: "Data-extractie",
        chartingSentence: { fields, charted, verified, included in
            "Eén reviewer extraheerde de gegevens van elke geïncludeerde studie op een formulier van \(fields) velden uit het codeboek van het protocol (vooraf ingevuld met suggesties die een persoon bevestigde of wijzigde); een tweede reviewer controleerde dat veld voor veld. Geëxtraheerd: \(charted) van \(included) studies; gecontroleerd: \(verified)."
        },
        results: "Resultaten",
        flowSubtitle: "Selectie van studies",
        flowSentence: { identified, screened, assessed, included in
            "De zoekacties leverden \(identified) records op; \(screened) unieke records zijn op titel en samenvatting beoordeeld, \(assessed) volledige teksten zijn beoordeeld en \(included) studies zijn geïncludeerd."
        },
        flowPicture: "Stroomdiagram als afbeelding",
        characteristics: "Kenmerken van de geïncludeerde studies",
        studyColumn: "Studie",
        yearColumn: "Jaar",
        tallyTitle: { field in "Studies naar \(field.lowercased())" },
        matrixTitle: "Resultatenmatrix",
        matrixSentence: { md, csv in
            "De volledige extractietabel, een rij per studie en een kolom per veld van het codeboek, staat in [\(md)](\(md)) en [\(csv)](\(csv))."
        },
        gapMapSubtitle: "Kaart van bewijs en witte vlekken",
        gapMapSentence:
            "Per interventie en uitkomst: de afgeronde studies (referentienummers) met de richting van hun bevinding. Lopende studies staan tussen haakjes en vullen geen cel.",
        perIntervention: "Bevindingen per type interventie",
        noStudies: "Geen afgeronde studie.",
        knowledgeGaps: "Witte vlekken",
        gapsSentence: { gaps, cells in
            "\(gaps) van de \(cells) combinaties van interventie en uitkomst hebben geen afgeronde studie:"
        },
        gapOngoing: { refs in "een lopende studie gaat erover rapporteren: \(refs)" },
        ongoingStudies: "Lopende studies",
        noOngoing: "Er zijn geen lopende studies (protocollen of registraties) geïncludeerd.",
        references: "Referenties",
        appendix: "Bijlage: op volledige tekst geëxcludeerde publicaties, met reden",
        reasonColumn: "Reden",
        noExcluded: "Geen publicatie is op volledige tekst geëxcludeerd.",
        notCharted: "nog niet geëxtraheerd",
        notReported: "niet gerapporteerd",
        legendSymbols: "+ gunstig, = geen verschil, − ongunstig, ± wisselend, ? richting niet geëxtraheerd",
        problemsTitle: "Controles die niet kloppen",
        demoNotice: ""
    )
}
