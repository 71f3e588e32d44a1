import Bibliography
import Testing

/// Rights notices that databases append to abstracts are left out of what ranking reads.
@Suite struct AbstractNoticeTests {
    let study = "Practice nurses led group consultations for 120 patients with type 2 diabetes."

    @Test func ebscoHostsNoticeAndItsMarkerGo() {
        let notice =
            "Copyright of Journal of Care is the property of Example Publishers and its content may not be copied "
            + "or emailed to multiple sites or posted to a listserv without the copyright holder's express written "
            + "permission. However, users may print, download, or email articles for individual use."
        #expect(Abstract.withoutRightsNotice(study + " [ABSTRACT FROM AUTHOR] " + notice) == study)
        #expect(Abstract.withoutRightsNotice(study + " " + notice) == study)
        #expect(Abstract.withoutRightsNotice(notice) == "")
        // The marker alone, as EBSCOhost's RIS ends the first `AB` line (the notice is the second).
        #expect(Abstract.withoutRightsNotice(study + " [ABSTRACT FROM PUBLISHER]") == study)
        #expect(Abstract.withoutRightsNotice(study + " [ABSTRACT FROM PUBLISHER] " + notice) == study)
    }

    @Test func apasAndPublishersClosingLinesGo() {
        #expect(
            Abstract.withoutRightsNotice(study + " (PsycINFO Database Record (c) 2019 APA, all rights reserved)")
                == study)
        #expect(
            Abstract.withoutRightsNotice(study + " (PsycInfo Database Record (c) 2020 APA, all rights reserved).")
                == study)
        #expect(Abstract.withoutRightsNotice(study + " © 2019 Elsevier Ltd. All rights reserved.") == study)
        #expect(Abstract.withoutRightsNotice(study + " Copyright © 2020 John Wiley & Sons, Ltd.") == study)
    }

    @Test func anAbstractWithoutANoticeIsKeptWhole() {
        #expect(Abstract.withoutRightsNotice(study) == study)
        // About copyright, not a notice: no "is the property of", no year after ©, © mid-sentence.
        let law = "Copyright of software is contested in Dutch law. We reviewed 40 cases."
        #expect(Abstract.withoutRightsNotice(law) == law)
        let sign = "Patients rated the © symbol and the 2019 logo as trustworthy in 40 interviews"
        #expect(Abstract.withoutRightsNotice(sign) == sign)
        #expect(Abstract.withoutRightsNotice("") == "")
    }
}
