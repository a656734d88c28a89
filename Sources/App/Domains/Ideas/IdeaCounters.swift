import Fluent
import Foundation
import SQLKit

/// Supports, visible comments and ratings kept on each idea row, so lists sort and page along an
/// index instead of counting every idea's rows per request.
///
/// The figures are recounted from the rows (never incremented) after each change has been
/// committed. On PostgreSQL a server-side function locks the idea row and only then recounts, in a
/// fresh snapshot: the last recount to finish always sees every committed row, and the lock is
/// held for microseconds, not across round trips.
enum IdeaCounters {
    static let recount: SQLQueryString = """
        support_count = (SELECT COUNT(*) FROM supports s WHERE s.idea_id = ideas.id),
        comment_count = (SELECT COUNT(*) FROM comments c WHERE c.target_kind = 'idea' AND c.target_id = ideas.id \
        AND c.deleted_at IS NULL AND c.hidden_at IS NULL),
        rating_count = (SELECT COUNT(*) FROM ratings r WHERE r.target_kind = 'idea' AND r.target_id = ideas.id),
        rating_sum = (SELECT COALESCE(SUM(r.stars), 0) FROM ratings r WHERE r.target_kind = 'idea' AND r.target_id = ideas.id)
        """

    /// Recounts one idea. Call it after the change is committed, outside its transaction.
    static func refresh(_ ideaID: UUID, on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            // SQLite runs one writer at a time, so the statement reads what is committed.
            try await sql.raw("UPDATE ideas SET \(recount) WHERE id = \(bind: ideaID)").run()
        } else {
            try await sql.raw("SELECT recount_idea(\(bind: ideaID))").run()
        }
    }

    /// The PostgreSQL function behind `refresh`: in PL/pgSQL each statement takes a new snapshot,
    /// so the recount after the row lock sees every write committed before the lock was granted.
    static let postgresFunction: SQLQueryString = """
        CREATE OR REPLACE FUNCTION recount_idea(target uuid) RETURNS void LANGUAGE plpgsql AS $body$
        BEGIN
          PERFORM 1 FROM ideas WHERE id = target FOR UPDATE;
          UPDATE ideas SET \(recount) WHERE id = target;
        END
        $body$
        """

    /// Recounts the idea a comment, rating or support belongs to, if it belongs to an idea.
    static func refresh(_ kind: ContentKind, _ id: UUID, on database: any Database) async throws {
        guard kind == .idea else { return }
        try await refresh(id, on: database)
    }

    /// Recounts the idea a comment was written under, if it was written under an idea.
    static func refresh(comment commentID: UUID, on database: any Database) async throws {
        guard let comment = try await Comment.find(commentID, on: database), let kind = ContentKind(rawValue: comment.targetKind) else { return }
        try await refresh(kind, comment.targetID, on: database)
    }

    /// Recounts every idea: after migrations, bulk generation and restores.
    static func refreshAll(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("UPDATE ideas SET \(recount)").run()
    }
}
