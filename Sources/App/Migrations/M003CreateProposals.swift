import Fluent
import SQLKit

/// Proposals with their ideas, the decision's link from proposal to project, and a project's
/// dates, planned funding, milestones and places.
struct M003CreateProposals: AsyncMigration {
    var name: String { "M003CreateProposals" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Proposal.schema)
            .id()
            .field("forum_id", .uuid, .required, .references(Forum.schema, "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("serves_goal", .bool)
            .field("serves_goal_reason", .string, .required)
            .field("furthers_cooperation", .bool)
            .field("furthers_cooperation_reason", .string, .required)
            .field("status", .string, .required)
            .field("decision_reason", .string)
            .field("created_by", .uuid, .required, .references(User.schema, "id", onDelete: .restrict))
            .field("created_at", .datetime, .required)
            .field("submitted_at", .datetime)
            .field("decided_at", .datetime)
            .create()

        try await database.schema(ProposalIdea.schema)
            .id()
            .field("proposal_id", .uuid, .required, .references(Proposal.schema, "id", onDelete: .cascade))
            .field("idea_id", .uuid, .required, .references(Idea.schema, "id", onDelete: .cascade))
            .unique(on: "idea_id")
            .create()

        // SQLite adds one column per ALTER TABLE.
        try await database.schema(Project.schema).field("proposal_id", .uuid, .references(Proposal.schema, "id", onDelete: .setNull)).update()
        try await database.schema(Project.schema).field("starts_on", .string).update()
        try await database.schema(Project.schema).field("ends_on", .string).update()

        try await database.schema(ProjectFunding.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("source", .string, .required)
            .field("amount", .int64, .required)
            .unique(on: "project_id", "source")
            .create()

        try await database.schema(Milestone.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("date", .string, .required)
            .field("title", .string, .required)
            .field("reached", .bool, .required)
            .create()

        try await database.schema(ProjectPlace.schema)
            .id()
            .field("project_id", .uuid, .required, .references(Project.schema, "id", onDelete: .cascade))
            .field("municipality_id", .uuid, .required, .references(Municipality.schema, "id", onDelete: .cascade))
            .unique(on: "project_id", "municipality_id")
            .create()

        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "proposals_forum_idx").on(Proposal.schema).column("forum_id").column("status").run()
        try await sql.create(index: "projects_proposal_idx").on(Project.schema).column("proposal_id").run()
        try await sql.create(index: "milestones_project_idx").on(Milestone.schema).column("project_id").run()
    }

    func revert(on database: any Database) async throws {
        for schema in [ProjectPlace.schema, Milestone.schema, ProjectFunding.schema] {
            try await database.schema(schema).delete()
        }
        for field in ["proposal_id", "starts_on", "ends_on"] {
            try await database.schema(Project.schema).deleteField(.string(field)).update()
        }
        try await database.schema(ProposalIdea.schema).delete()
        try await database.schema(Proposal.schema).delete()
    }
}
