import FluentKit
import Foundation
import Testing
import Vapor

@testable import App

@Suite("From idea to result")
struct ProposalJourneyTests {
    static func idea(_ app: Application, _ title: String, by author: User) async throws -> UUID {
        try await TestIdeas.make(app, title: title, body: "Eine Idee mit ausreichend langer Beschreibung.", by: author)
    }

    @Test("ideas become a proposal, the proposal a lead project with funding, the project reports results", arguments: TestDatabase.available)
    func journey(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: two citizens' ideas, a moderator of the forum, an administrator.
            let citizen = try await TestPeople.make(app, name: "Ideengeberin")
            let first = try await Self.idea(app, "Ringbus um Dortmund", by: citizen)
            let second = try await Self.idea(app, "Expressbusse auf der A40", by: citizen)
            let moderator = try await TestPeople.quickBrowser(
                app, signedInAs: try await TestPeople.make(app, name: "Moderatorin", moderates: "neue-mobilitaet"))
            let admin = try await TestPeople.quickBrowser(app, signedInAs: try await TestPeople.make(app, name: "Staatskanzlei", admin: true))
            let public_ = Browser(app)

            // A draft from both ideas.
            let form = try await moderator.get("/moderation/vorschlaege/neu?forum=neue-mobilitaet")
            #expect(form.status == .ok)
            #expect(form.body.contains("Ringbus um Dortmund"))
            let saved = try await moderator.post(
                "/moderation/vorschlaege/neu?forum=neue-mobilitaet",
                pairs: [
                    ("titel", "Schnellbusnetz Ruhr"), ("beschreibung", "Ein Netz schneller Busse verbindet die Zentren der Region."),
                    ("ideen[]", first.uuidString), ("ideen[]", second.uuidString), ("aktion", "speichern"),
                ])
            #expect(saved.status == .seeOther)
            let proposal = try #require(try await Proposal.query(on: app.db).first())
            let proposalID = try proposal.requireID()
            #expect(proposal.proposalStatus == .draft)
            let adopted = try await Idea.query(on: app.db).filter(\.$id ~~ [first, second]).all()
            #expect(adopted.allSatisfy { $0.ideaStatus == .adopted })
            #expect(try await public_.get("/vorschlaege/\(proposalID.uuidString.lowercased())").status == .notFound)

            // Submitting needs both criteria with reasons; the input stays.
            let edit = "/moderation/vorschlaege/\(proposalID.uuidString.lowercased())"
            try await moderator.get(edit)
            let incomplete = try await moderator.post(
                edit,
                pairs: [
                    ("titel", "Schnellbusnetz Ruhr"), ("beschreibung", "Ein Netz schneller Busse verbindet die Zentren der Region."),
                    ("ideen[]", first.uuidString), ("ideen[]", second.uuidString), ("ziel", "ja"), ("aktion", "einreichen"),
                ])
            #expect(incomplete.status == .unprocessableEntity)
            #expect(incomplete.body.contains("Bitte begründen Sie die Bewertung des Gesamtziels"))
            #expect(incomplete.body.contains("value=\"Schnellbusnetz Ruhr\""))
            let submitted = try await moderator.post(
                edit,
                pairs: [
                    ("titel", "Schnellbusnetz Ruhr"), ("beschreibung", "Ein Netz schneller Busse verbindet die Zentren der Region."),
                    ("ideen[]", first.uuidString), ("ideen[]", second.uuidString),
                    ("ziel", "ja"), ("ziel_begruendung", "Schnelle Verbindungen machen die Metropolregion erfolgreicher und lebenswerter."),
                    ("kooperation", "ja"), ("kooperation_begruendung", "Das Netz verbindet acht Städte und drei Verkehrsverbünde."),
                    ("aktion", "einreichen"),
                ])
            #expect(submitted.status == .seeOther)
            let proposalPage = try await public_.get("/vorschlaege/\(proposalID.uuidString.lowercased())")
            #expect(proposalPage.status == .ok)
            #expect(proposalPage.body.contains("Das Netz verbindet acht Städte"))
            #expect(proposalPage.body.contains("href=\"/ideen/\(first.uuidString.lowercased())\""))
            let ideaPage = try await public_.get("/ideen/\(first.uuidString.lowercased())")
            #expect(ideaPage.body.contains("href=\"/vorschlaege/\(proposalID.uuidString.lowercased())\""))
            #expect(ideaPage.body.contains("in einen Projektvorschlag übernommen"))

            // Only administrators decide.
            let citizenBrowser = try await TestPeople.quickBrowser(app, signedInAs: citizen)
            #expect(try await citizenBrowser.get("/entscheidung").status == .forbidden)
            #expect(
                try await moderator.post("/entscheidung/\(proposalID.uuidString.lowercased())", ["entscheidung": "leitprojekt"]).status == .forbidden)
            let decisions = try await admin.get("/entscheidung")
            #expect(decisions.body.contains("Schnellbusnetz Ruhr"))
            let badAmount = try await admin.post(
                "/entscheidung/\(proposalID.uuidString.lowercased())", ["entscheidung": "leitprojekt", "mittel_state": "viel"])
            #expect(badAmount.status == .unprocessableEntity)
            let decided = try await admin.post(
                "/entscheidung/\(proposalID.uuidString.lowercased())",
                ["entscheidung": "leitprojekt", "mittel_state": "2.500.000", "mittel_eu": "1000000"])
            #expect(decided.status == .seeOther)

            // The project exists, linked both ways, with its funding.
            let project = try #require(try await Project.query(on: app.db).filter(\.$proposal.$id == proposalID).with(\.$funding).first())
            #expect(project.kind == "lead")
            #expect(project.status == "planned")
            #expect(project.$originForum.id != nil)
            #expect(Dictionary(uniqueKeysWithValues: project.funding.map { ($0.source, $0.amount) }) == ["state": 2_500_000, "eu": 1_000_000])
            #expect(try await Proposal.find(proposalID, on: app.db)?.proposalStatus == .selected)

            // The project reports a result twice; the page draws its history.
            for (asOf, value) in [("2024-05", 12.0), ("2025-05", 31.0)] {
                let result = ProjectResult()
                result.$project.id = try project.requireID()
                result.position = 0
                result.text = "Schnellbuslinien in Betrieb"
                result.value = value
                result.unit = "Linien"
                result.asOf = asOf
                try await result.create(on: app.db)
            }
            let projectPage = try await public_.get("/projekte/\(project.slug)")
            #expect(projectPage.status == .ok)
            #expect(projectPage.body.contains("Von der Idee zum Ergebnis"))
            #expect(projectPage.body.contains("href=\"/vorschlaege/\(proposalID.uuidString.lowercased())\""))
            #expect(projectPage.body.contains("href=\"/ideen/\(second.uuidString.lowercased())\""))
            #expect(projectPage.body.contains("Leitprojekt"))
            #expect(projectPage.body.contains("2.500.000 €"))
            #expect(projectPage.body.contains("<svg viewBox=\"0 0 360 180\" role=\"img\""))
            #expect(projectPage.body.contains("<polyline"))
            #expect(projectPage.body.contains("<th scope=\"row\">05/2025</th><td>31</td>"))
            #expect(projectPage.body.contains("31 Linien"))
            let proposalAfter = try await public_.get("/vorschlaege/\(proposalID.uuidString.lowercased())")
            #expect(proposalAfter.body.contains("href=\"/projekte/\(project.slug)\""))
            let ideaAfter = try await public_.get("/ideen/\(first.uuidString.lowercased())")
            #expect(ideaAfter.body.contains("href=\"/projekte/\(project.slug)\""))

            let actions = try await AuditEvent.query(on: app.db).filter(\.$targetID == proposalID).sort(\.$createdAt).all().map(\.action)
            #expect(actions == ["proposal.created", "proposal.submitted", "proposal.selected"])
        }
    }

    @Test("a proposal that is not selected keeps the reason and makes no project", arguments: TestDatabase.available)
    func notSelected(database: TestDatabase) async throws {
        try await withApp(database) { app in
            let citizen = try await TestPeople.make(app, name: "Ideengeber")
            let ideaID = try await Self.idea(app, "Seilbahn über die Emscher", by: citizen)
            let moderatorUser = try await TestPeople.make(app, name: "Moderator", moderates: "neue-mobilitaet")
            let forum = try #require(try await Forum.query(on: app.db).filter(\.$slug == "neue-mobilitaet").first())
            let proposal = try await ProposalWorkflow.save(
                .init(
                    title: "Seilbahn Emscher", summary: "Eine Seilbahn verbindet beide Ufer der Emscher.", ideaIDs: [ideaID],
                    servesGoal: true, servesGoalReason: "Neue Wege machen die Region lebenswerter.", furthersCooperation: false,
                    furthersCooperationReason: "Nur eine Stadt wäre beteiligt, keine Zusammenarbeit."
                ), as: nil, forum: forum, by: moderatorUser, submit: true, on: app.db)
            let admin = try await TestPeople.quickBrowser(app, signedInAs: try await TestPeople.make(app, name: "Admin", admin: true))
            try await admin.get("/entscheidung")
            let path = "/entscheidung/\(try proposal.requireID().uuidString.lowercased())"
            let withoutReason = try await admin.post(path, ["entscheidung": "ablehnen"])
            #expect(withoutReason.status == .unprocessableEntity)
            #expect(withoutReason.body.contains("Bitte begründen Sie"))
            let rejected = try await admin.post(path, ["entscheidung": "ablehnen", "grund": "Das Kriterium der Zusammenarbeit ist nicht erfüllt."])
            #expect(rejected.status == .seeOther)
            let stored = try #require(try await Proposal.find(proposal.requireID(), on: app.db))
            #expect(stored.proposalStatus == .notSelected)
            #expect(try await Project.query(on: app.db).filter(\.$proposal.$id == proposal.requireID()).count() == 0)
            let page = try await Browser(app).get("/vorschlaege/\(try proposal.requireID().uuidString.lowercased())")
            #expect(page.body.contains("nicht ausgewählt"))
            #expect(page.body.contains("Das Kriterium der Zusammenarbeit ist nicht erfüllt."))
            // A decided proposal cannot be decided again.
            #expect(try await admin.post(path, ["entscheidung": "leitprojekt"]).status == .conflict)
        }
    }
}
