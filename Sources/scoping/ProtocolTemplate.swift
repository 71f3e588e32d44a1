/// The protocol a new review starts from: valid as it stands (`scoping check` passes once the
/// export it names is in corpus/), with every section present to be edited.
/// docs/protocol.md describes every key.
enum ProtocolTemplate {
    static let text = #"""
        # The review's protocol: what scoping reads for provenance, criteria, screening,
        # charting and the report. Every key is described in docs/protocol.md of scoping.
        version: 1

        review:
          title:
            en: "Title of the review"
            nl: "Titel van de review"
          questions:
            - en: "What is known about …?"
              nl: "Wat is er bekend over …?"
          authors:
            - name: First Reviewer
          report_language: en

        pcc:
          population:
            en: The population.
            nl: De populatie.
          concept:
            en: The concept.
            nl: Het concept.
          context:
            en: The context.
            nl: De context.

        # One entry per database search; `scoping ingest` takes the database and the date from here.
        sources:
          - id: pubmed
            name: PubMed
            interface: PubMed
            files: [corpus/pubmed.xml]
            searched: 2026-01-01
            query: >-
              ("primary care"[tiab]) AND (chronic*[tiab])

        screening:
          reviewers: [reviewer1, reviewer2]
          stages:
            - stage: title_abstract
              reviewers_per_record: 2
              blinded: true
              second_reviewer: all
              pilot: 50
            - stage: full_text
              reviewers_per_record: 2
              blinded: true
              second_reviewer: all
              pilot: 10

        # Criterion ids are the exclusion reasons everywhere after. `auto` criteria have a rule;
        # the others have highlight terms for the screening screen.
        criteria:
          - id: E1
            stage: auto
            label:
              en: Published before 2015
              nl: Gepubliceerd vóór 2015
            rule: year < 2015
          - id: E2
            stage: title_abstract
            label:
              en: Not about the population
              nl: Niet over de populatie
            highlight:
              include: ["chronic*", "chronisch*"]
              exclude: ["child*", "kinderen"]
          - id: E3
            stage: full_text
            label:
              en: Not an empirical study
              nl: Geen empirische studie
            highlight:
              include: ["trial", "cohort*"]
              exclude: ["editorial", "opinion"]

        """#
}
