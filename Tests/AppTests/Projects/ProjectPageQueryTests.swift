import FluentKit
import Foundation
import Testing
import Vapor

@testable import App

@Suite("Project page query")
struct ProjectPageQueryTests {
    @Test("the project page shows what the project's rows hold, ordered, with its proposal's public ideas", arguments: TestDatabase.available)
    func modelMatchesRows(database: TestDatabase) async throws {
        try await withApp(database) { app in
            // Setup: the seeded project gets funding, milestones and places in scrambled order,
            // and a decided proposal made of two public ideas and a hidden one.
            let project = try #require(
                try await Project.query(on: app.db).filter(\.$slug == "mobilitaets-allianz-bmm-nrw")
                    .with(\.$fieldsOfAction).with(\.$originForum).with(\.$leadMinistry).with(\.$results).with(\.$partners) {
                        $0.with(\.$organisation)
                    }
                    .first())
            let projectID = try project.requireID()
            for (source, amount) in [("eu", 300), ("state", 1_000), ("federal", 20)] {
                let funding = ProjectFunding()
                funding.$project.id = projectID
                funding.source = source
                funding.amount = amount
                try await funding.create(on: app.db)
            }
            for (date, title, reached) in [("2025-06-30", "Zweiter Schritt", false), ("2024-01-15", "Erster Schritt", true)] {
                let milestone = Milestone()
                milestone.$project.id = projectID
                milestone.date = date
                milestone.title = title
                milestone.isReached = reached
                try await milestone.create(on: app.db)
            }
            let towns = try await Municipality.query(on: app.db).sort(\.$name, .descending).limit(2).all()
            for town in towns {
                let place = ProjectPlace()
                place.$project.id = projectID
                place.$municipality.id = try town.requireID()
                try await place.create(on: app.db)
            }
            let author = try await TestPeople.make(app, name: "Vorschlagende")
            let older = try await TestIdeas.make(
                app, title: "Ältere Idee", body: "Zuerst eingebracht.", by: author, createdAt: Date().addingTimeInterval(-600))
            let newer = try await TestIdeas.make(
                app, title: "Neuere Idee", body: "Danach eingebracht.", by: author, createdAt: Date().addingTimeInterval(-60))
            let hidden = try await TestIdeas.make(app, title: "Verborgene Idee", body: "Von der Moderation verborgen.", by: author, status: .hidden)
            let forum = try #require(try await Forum.query(on: app.db).filter(\.$slug == "neue-mobilitaet").first())
            let proposal = Proposal()
            proposal.$forum.id = try forum.requireID()
            proposal.title = "Vorschlag aus dem Forum"
            proposal.summary = "Aus drei Ideen."
            proposal.servesGoalReason = ""
            proposal.furthersCooperationReason = ""
            proposal.status = ProposalStatus.selected.rawValue
            proposal.$createdBy.id = try author.requireID()
            proposal.createdAt = Date()
            let decidedAt = Date(timeIntervalSince1970: 1_700_000_000)
            proposal.decidedAt = decidedAt
            try await proposal.create(on: app.db)
            for idea in [newer, hidden, older] {
                let link = ProposalIdea()
                link.$proposal.id = try proposal.requireID()
                link.$idea.id = idea
                try await link.create(on: app.db)
            }
            project.$proposal.id = try proposal.requireID()
            try await project.save(on: app.db)

            // Action: the page's model, read as the page reads it, and the project list's item.
            let model = try #require(try await ProjectController.showQuery(on: app.db, slug: "mobilitaets-allianz-bmm-nrw"))
            let listed = try await ProjectController.listItems(where: ["p.id = \(bind: projectID)"], on: app.db)

            // Check: every part against the rows, in the page's order.
            #expect(model.id == projectID)
            // A sum of bigints is a numeric on PostgreSQL; the list reads it as a whole number.
            #expect(listed.map(\.plannedFunding) == [1_320])
            #expect(model.title == project.title && model.subtitle == project.subtitle && model.summary == project.summary)
            #expect(model.goals == project.goals && model.description == project.description)
            #expect(model.fields == project.fieldsOfAction.sorted { $0.position < $1.position }.map(FieldReference.init))
            #expect(model.originForum?.slug == project.originForum?.slug && model.originForum?.id == project.originForum?.id)
            #expect(model.leadMinistry == project.leadMinistry.map(MinistryReference.init))
            #expect(model.leadMinistryID == project.$leadMinistry.id)
            #expect(model.results.count == project.results.count)
            #expect(model.results.map(\.asOf) == model.results.map(\.asOf).sorted())
            let organisations = project.partners.sorted { $0.position < $1.position }.map(\.organisation.name)
            #expect(
                model.partners.map(\.name)
                    == organisations.reduce(into: [String]()) { names, name in if !names.contains(name) { names.append(name) } })
            #expect(model.partners.map(\.roles.count).reduce(0, +) == project.partners.count)
            #expect(model.funding.map(\.source) == [.state, .federal, .eu])
            #expect(model.funding.map(\.amount) == [1_000, 20, 300])
            #expect(model.milestones.map(\.title) == ["Erster Schritt", "Zweiter Schritt"])
            #expect(model.milestones.map(\.isReached) == [true, false])
            #expect(model.places == towns.map(\.name).sorted())
            let related = try await ForumController.relatedForums(sharingFieldsWith: .project, id: model.id, on: app.db)
            #expect(!related.isEmpty)
            #expect(model.relatedForums.map(\.slug) == related.map(\.slug))
            let journey = try #require(model.journey)
            #expect(journey.ideas.map(\.title) == ["Ältere Idee", "Neuere Idee"])
            #expect(journey.proposal?.title == "Vorschlag aus dem Forum" && journey.proposal?.status == .selected)
            #expect(journey.decision?.date == decidedAt)
            #expect(journey.project?.slug == "mobilitaets-allianz-bmm-nrw")
            // An unknown project is no model at all.
            #expect(try await ProjectController.showQuery(on: app.db, slug: "gibt-es-nicht") == nil)
        }
    }
}
