import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

/// Backups of the whole database in the database's own format: a consistent SQLite copy made
/// with `VACUUM INTO` while the portal runs, or a `pg_dump` archive for PostgreSQL.
enum Backup {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func create(_ app: Application, at path: String) async throws {
        guard !FileManager.default.fileExists(atPath: path) else { throw Failure(description: "\(path) exists already; choose a new file name.") }
        switch app.metropole.config.database {
        case .sqliteFile, .sqliteInMemory:
            guard let sql = app.db as? any SQLDatabase else { throw Failure(description: "The database does not speak SQL.") }
            try await sql.raw("VACUUM INTO \(bind: path)").run()
        case .postgres(let url):
            try run("pg_dump", ["--format=custom", "--no-owner", "--file=\(path)", "--dbname=\(url)"])
        }
    }

    /// Replaces every row with the backup's. The portal may keep running on SQLite (one
    /// transaction); on PostgreSQL `pg_restore` recreates the tables in one transaction.
    static func restore(_ app: Application, from path: String) async throws {
        guard FileManager.default.fileExists(atPath: path) else { throw Failure(description: "\(path) does not exist.") }
        switch app.metropole.config.database {
        case .sqliteFile, .sqliteInMemory:
            guard let sqlite = app.db.sqliteDriverDatabase else { throw Failure(description: "The database is not SQLite.") }
            try await sqlite.withConnection { connection in
                _ = try await connection.query("ATTACH DATABASE ? AS backup", [.text(path)])
                do {
                    let tables = try await connection.query(
                        "SELECT name FROM backup.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_%'"
                    ).compactMap { $0.column("name")?.string }
                    // Without foreign key actions while the tables are swapped: a delete must not
                    // cascade into rows already restored. The check before COMMIT proves the result whole.
                    _ = try await connection.query("PRAGMA foreign_keys = OFF")
                    _ = try await connection.query("BEGIN IMMEDIATE")
                    do {
                        for table in tables {
                            let quoted = "\"" + table.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                            _ = try await connection.query("DELETE FROM main.\(quoted)")
                            _ = try await connection.query("INSERT INTO main.\(quoted) SELECT * FROM backup.\(quoted)")
                        }
                        // The swap ran the idea-count triggers on rows that carry their counts.
                        _ = try await connection.query(ForumIdeaCounts.recountStatement)
                        guard try await connection.query("PRAGMA main.foreign_key_check").isEmpty else {
                            throw Failure(description: "The backup's rows do not fit together (foreign keys); nothing was changed.")
                        }
                        _ = try await connection.query("COMMIT")
                    } catch {
                        _ = try? await connection.query("ROLLBACK")
                        throw error
                    }
                } catch {
                    _ = try? await connection.query("PRAGMA foreign_keys = ON")
                    _ = try? await connection.query("DETACH DATABASE backup")
                    throw error
                }
                _ = try await connection.query("PRAGMA foreign_keys = ON")
                _ = try await connection.query("DETACH DATABASE backup")
            }
            // The full-text index is derived data: built again from the restored rows.
            _ = try await Search.rebuild(on: app.db)
        case .postgres(let url):
            try run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname=\(url)", path])
            // The restored counter may be one a running instance has cached pages for.
            guard let sql = app.db as? any SQLDatabase else { return }
            try await sql.raw("UPDATE site_state SET version = version + 1000000 WHERE id = 1").run()
        }
    }

    private static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let output = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "\(tool) failed (\(process.terminationStatus)): \(String(decoding: output, as: UTF8.self))")
        }
    }
}

/// `backup FILE`: a consistent copy of the database while the portal runs.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "where to write the backup (must not exist yet)")
        var file: String
    }

    var help: String { "Writes a consistent backup of the database: an SQLite file, or a pg_dump archive for PostgreSQL." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await Backup.create(context.application, at: signature.file)
        context.console.print("Backup written to \(signature.file).")
    }
}

/// `restore FILE --yes`: replaces the database's content with a backup.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "a file written by `metropole backup`")
        var file: String

        @Flag(name: "yes", help: "confirm that the current content is replaced")
        var yes: Bool
    }

    var help: String { "Replaces every row of the database with the backup's (asks for --yes). The search index is rebuilt." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.yes else { throw Backup.Failure(description: "Restoring replaces the current content. Run again with --yes to confirm.") }
        try await Backup.restore(context.application, from: signature.file)
        context.console.print("Restored from \(signature.file).")
    }
}
