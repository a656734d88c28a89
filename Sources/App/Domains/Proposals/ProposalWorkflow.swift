import Fluent
import Foundation

/// The path of a proposal: draft → submitted → selected (becomes a project) or not selected.
enum ProposalWorkflow {
    static let titleLength = 5...160
    static let summaryLength = 20...5000
    static let reasonLength = 20...2000
    static let maximumFunding = 10_000_000_000

    struct Draft: Sendable {
        var title = ""
        var summary = ""
        var ideaIDs: [UUID] = []
        var servesGoal: Bool?
        var servesGoalReason = ""
        var furthersCooperation: Bool?
        var furthersCooperationReason = ""
    }

    /// Field errors for a draft; `forSubmission` also demands both assessed criteria.
    static func validate(_ draft: Draft, forSubmission: Bool) -> FormErrors {
        var errors = FormErrors()
        if !titleLength.contains(draft.title.count) {
            errors.add("titel", "Der Titel muss \(titleLength.lowerBound) bis \(titleLength.upperBound) Zeichen lang sein.")
        }
        if !summaryLength.contains(draft.summary.count) {
            errors.add("beschreibung", "Die Beschreibung muss \(summaryLength.lowerBound) bis \(summaryLength.upperBound) Zeichen lang sein.")
        }
        if draft.ideaIDs.isEmpty {
            errors.add("ideen", "Bitte wählen Sie mindestens eine Idee, aus der der Vorschlag entsteht.")
        }
        if forSubmission {
            if draft.servesGoal == nil { errors.add("ziel", "Bitte bewerten Sie, ob der Vorschlag dem Gesamtziel dient.") }
            if !reasonLength.contains(draft.servesGoalReason.count) {
                errors.add(
                    "ziel_begruendung",
                    "Bitte begründen Sie die Bewertung des Gesamtziels in \(reasonLength.lowerBound) bis \(reasonLength.upperBound) Zeichen.")
            }
            if draft.furthersCooperation == nil {
                errors.add("kooperation", "Bitte bewerten Sie, ob der Vorschlag die Zusammenarbeit über Grenzen hinweg fördert.")
            }
            if !reasonLength.contains(draft.furthersCooperationReason.count) {
                errors.add(
                    "kooperation_begruendung",
                    "Bitte begründen Sie die Bewertung der Zusammenarbeit in \(reasonLength.lowerBound) bis \(reasonLength.upperBound) Zeichen.")
            }
        } else {
            if draft.servesGoalReason.count > reasonLength.upperBound { errors.add("ziel_begruendung", "Die Begründung ist zu lang.") }
            if draft.furthersCooperationReason.count > reasonLength.upperBound {
                errors.add("kooperation_begruendung", "Die Begründung ist zu lang.")
            }
        }
        return errors
    }

    /// Saves a new or changed draft and links its ideas, which become "adopted"; ideas taken out
    /// of the draft go back to "published".
    @discardableResult
    static func save(_ draft: Draft, as existing: Proposal?, forum: Forum, by moderator: User, submit: Bool, on database: any Database) async throws
        -> Proposal
    {
        try await database.transaction { database in
            let forumID = try forum.requireID()
            let proposal = existing ?? Proposal()
            let isNew = existing == nil
            let before = existing?.status
            proposal.$forum.id = forumID
            proposal.title = draft.title
            proposal.summary = draft.summary
            proposal.servesGoal = draft.servesGoal
            proposal.servesGoalReason = draft.servesGoalReason
            proposal.furthersCooperation = draft.furthersCooperation
            proposal.furthersCooperationReason = draft.furthersCooperationReason
            if isNew {
                proposal.status = ProposalStatus.draft.rawValue
                proposal.$createdBy.id = try moderator.requireID()
                proposal.createdAt = Date()
            }
            if submit {
                proposal.status = ProposalStatus.submitted.rawValue
                proposal.submittedAt = Date()
            }
            try await proposal.save(on: database)
            let proposalID = try proposal.requireID()

            let current = try await ProposalIdea.query(on: database).filter(\.$proposal.$id == proposalID).all()
            let wanted = Set(draft.ideaIDs)
            for link in current where !wanted.contains(link.$idea.id) {
                try await link.delete(on: database)
                if let idea = try await Idea.find(link.$idea.id, on: database), idea.ideaStatus == .adopted {
                    idea.status = IdeaStatus.published.rawValue
                    try await idea.update(on: database)
                }
            }
            let linked = Set(current.map(\.$idea.id))
            for ideaID in wanted where !linked.contains(ideaID) {
                guard let idea = try await Idea.find(ideaID, on: database), idea.$forum.id == forumID, idea.ideaStatus.isPubliclyVisible else {
                    throw PageError.badRequest("Eine der gewählten Ideen gehört nicht zu diesem Themenforum oder ist nicht öffentlich.")
                }
                guard try await ProposalIdea.query(on: database).filter(\.$idea.$id == ideaID).first() == nil else {
                    throw PageError(status: .conflict, reason: "Die Idee „\(idea.title)“ ist schon in einem anderen Vorschlag aufgegangen.")
                }
                let link = ProposalIdea()
                link.$proposal.id = proposalID
                link.$idea.id = ideaID
                try await link.create(on: database)
                idea.status = IdeaStatus.adopted.rawValue
                idea.statusReason = nil
                try await idea.update(on: database)
            }
            if submit { try await Notifications.proposalSubmitted(proposal, by: try moderator.requireID(), on: database) }
            try await AuditEvent.record(
                actor: moderator,
                action: isNew ? "proposal.created" : (submit ? "proposal.submitted" : "proposal.updated"),
                kind: "proposal", target: proposalID, before: before, after: proposal.status, on: database
            )
            try await Search.update(.proposal, proposalID.formValue, on: database)
            return proposal
        }
    }

    struct Selection: Sendable {
        let kind: ProjectKind
        let funding: [FundingSource: Int]
    }

    /// The government's decision. A selected proposal becomes a planned project of the package of
    /// measures, linked both ways; a proposal that is not selected keeps its reason.
    @discardableResult
    static func decide(_ proposal: Proposal, selection: Selection?, reason: String?, by admin: User, on database: any Database) async throws
        -> Project?
    {
        guard proposal.proposalStatus == .submitted else {
            throw PageError(status: .conflict, reason: "Über diesen Vorschlag ist bereits entschieden, oder er ist noch nicht eingereicht.")
        }
        return try await database.transaction { database in
            let proposalID = try proposal.requireID()
            proposal.decidedAt = Date()
            proposal.decisionReason = reason
            guard let selection else {
                proposal.status = ProposalStatus.notSelected.rawValue
                try await proposal.update(on: database)
                try await Notifications.proposalDecided(proposal, project: nil, by: try admin.requireID(), on: database)
                try await AuditEvent.record(
                    actor: admin, action: "proposal.not-selected", kind: "proposal", target: proposalID, reason: reason, before: "submitted",
                    after: proposal.status, on: database)
                try await Search.update(.proposal, proposalID.formValue, on: database)
                return nil
            }
            proposal.status = ProposalStatus.selected.rawValue
            try await proposal.update(on: database)

            let forum = try await Forum.query(on: database).filter(\.$id == proposal.$forum.id).with(\.$fieldsOfAction).first()
            let project = Project()
            project.slug = try await uniqueSlug(for: proposal.title, on: database)
            project.title = proposal.title
            project.subtitle = nil
            project.summary = String(proposal.summary.prefix(400))
            project.goals = []
            project.description = proposal.summary.components(separatedBy: "\n\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            project.status = ProjectStatus.planned.rawValue
            project.kind = selection.kind.rawValue
            project.$originForum.id = proposal.$forum.id
            project.$leadMinistry.id = forum?.$leadMinistry.id
            project.$proposal.id = proposalID
            try await project.create(on: database)
            let projectID = try project.requireID()
            for field in forum?.fieldsOfAction ?? [] {
                let link = ProjectField()
                link.$project.id = projectID
                link.$field.id = try field.requireID()
                try await link.create(on: database)
            }
            for (source, amount) in selection.funding where amount > 0 {
                let row = ProjectFunding()
                row.$project.id = projectID
                row.source = source.rawValue
                row.amount = amount
                try await row.create(on: database)
            }
            try await AuditEvent.record(
                actor: admin, action: "proposal.selected", kind: "proposal", target: proposalID, reason: reason,
                before: "submitted", after: "selected as \(selection.kind.rawValue), project \(project.slug)", on: database)
            try await Notifications.proposalDecided(proposal, project: project, by: try admin.requireID(), on: database)
            try await Search.update(.proposal, proposalID.formValue, on: database)
            try await Search.update(.project, project.slug, on: database)
            return project
        }
    }

    static func uniqueSlug(for title: String, on database: any Database) async throws -> String {
        let base = String(Slug.make(title).prefix(80))
        // "uebersicht" is the dashboard's address under /projekte.
        var candidate = base.isEmpty || base == "uebersicht" ? "projekt" : base
        var number = 2
        while try await Project.query(on: database).filter(\.$slug == candidate).first() != nil {
            candidate = "\(base)-\(number)"
            number += 1
        }
        return candidate
    }
}
