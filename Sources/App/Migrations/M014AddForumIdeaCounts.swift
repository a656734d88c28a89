import Fluent
import SQLKit

/// The number of publicly visible ideas kept on each forum row, so that a forum page does not
/// count its thousands of ideas on every request (0.4 ms of a 1 ms page on SQLite).
///
/// Triggers keep it, so every path that writes ideas (forms, moderation, proposals, imports,
/// restores) is covered. They add and subtract instead of recounting: on PostgreSQL the
/// `UPDATE … SET n = n + 1` waits for the row lock and then reads the latest committed value, so
/// concurrent writers never lose a change, where a recount in each writer's snapshot could.
struct M014AddForumIdeaCounts: AsyncMigration {
    var name: String { "M014AddForumIdeaCounts" }

    static let column = "visible_idea_count"

    func prepare(on database: any Database) async throws {
        try await database.schema(Forum.schema).field(.string(Self.column), .int, .required, .sql(.default(0))).update()
        guard let sql = database as? any SQLDatabase else { return }
        for statement in sql.dialect.name == "postgresql" ? Self.postgresTriggers : Self.sqliteTriggers {
            try await sql.raw(statement).run()
        }
        try await ForumIdeaCounts.recountAll(on: sql)
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            if sql.dialect.name == "postgresql" {
                try await sql.raw("DROP TRIGGER IF EXISTS ideas_visible_count ON ideas").run()
                try await sql.raw("DROP FUNCTION IF EXISTS count_visible_ideas()").run()
            } else {
                for trigger in ["ideas_visible_count_insert", "ideas_visible_count_delete", "ideas_visible_count_update"] {
                    try await sql.raw("DROP TRIGGER IF EXISTS \(unsafeRaw: trigger)").run()
                }
            }
        }
        try await database.schema(Forum.schema).deleteField(.string(Self.column)).update()
    }

    /// The visible statuses as an SQL list; the values are the enum's own constants.
    static var visible: String { IdeaStatus.publiclyVisible.map { "'\($0.rawValue)'" }.joined(separator: ", ") }

    static var sqliteTriggers: [SQLQueryString] {
        let add = "UPDATE forums SET \(column) = \(column) + 1 WHERE id = NEW.forum_id"
        let subtract = "UPDATE forums SET \(column) = \(column) - 1 WHERE id = OLD.forum_id"
        return [
            "CREATE TRIGGER ideas_visible_count_insert AFTER INSERT ON ideas WHEN NEW.status IN (\(unsafeRaw: visible)) BEGIN \(unsafeRaw: add); END",
            "CREATE TRIGGER ideas_visible_count_delete AFTER DELETE ON ideas "
                + "WHEN OLD.status IN (\(unsafeRaw: visible)) BEGIN \(unsafeRaw: subtract); END",
            """
            CREATE TRIGGER ideas_visible_count_update AFTER UPDATE OF status, forum_id ON ideas BEGIN
              \(unsafeRaw: subtract) AND OLD.status IN (\(unsafeRaw: visible));
              \(unsafeRaw: add) AND NEW.status IN (\(unsafeRaw: visible));
            END
            """,
        ]
    }

    static var postgresTriggers: [SQLQueryString] {
        [
            """
            CREATE OR REPLACE FUNCTION count_visible_ideas() RETURNS trigger LANGUAGE plpgsql AS $body$
            BEGIN
              IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status IN (\(unsafeRaw: visible)) THEN
                UPDATE forums SET \(unsafeRaw: column) = \(unsafeRaw: column) - 1 WHERE id = OLD.forum_id;
              END IF;
              IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.status IN (\(unsafeRaw: visible)) THEN
                UPDATE forums SET \(unsafeRaw: column) = \(unsafeRaw: column) + 1 WHERE id = NEW.forum_id;
              END IF;
              RETURN NULL;
            END
            $body$
            """,
            """
            CREATE TRIGGER ideas_visible_count AFTER INSERT OR DELETE OR UPDATE OF status, forum_id ON ideas
            FOR EACH ROW EXECUTE FUNCTION count_visible_ideas()
            """,
        ]
    }
}

/// Reading and repairing the per-forum idea counts that `M014AddForumIdeaCounts` keeps.
enum ForumIdeaCounts {
    /// Counts every forum's visible ideas from the rows: after the migration and after a restore,
    /// whose table swap runs the triggers on rows that carry their counts already.
    static func recountAll(on sql: any SQLDatabase) async throws {
        try await sql.raw(SQLQueryString(recountStatement)).run()
    }

    static var recountStatement: String {
        """
        UPDATE forums SET visible_idea_count =
          (SELECT COUNT(*) FROM ideas WHERE ideas.forum_id = forums.id AND ideas.status IN (\(M014AddForumIdeaCounts.visible)))
        """
    }
}
