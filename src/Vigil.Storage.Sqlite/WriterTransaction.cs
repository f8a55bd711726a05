using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// A transaction opened with plain SQL rather than <see cref="SqliteConnection.BeginTransaction()"/>, so that the
/// writer's prepared commands, created once and reused across transactions, need no per-transaction binding.
/// Rolls back on dispose unless committed.
/// </summary>
internal readonly struct WriterTransaction : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly StrongBox<bool> _open;

    private WriterTransaction(SqliteConnection connection)
    {
        _connection = connection;
        _open = new StrongBox<bool>(true);
    }

    public static WriterTransaction Begin(SqliteConnection connection)
    {
        SqliteDatabase.Execute(connection, "BEGIN IMMEDIATE");
        return new WriterTransaction(connection);
    }

    public void Commit()
    {
        SqliteDatabase.Execute(_connection, "COMMIT");
        _open.Value = false;
    }

    public void Dispose()
    {
        if (_open.Value)
        {
            _open.Value = false;
            try
            {
                SqliteDatabase.Execute(_connection, "ROLLBACK");
            }
            catch (SqliteException)
            {
                // SQLite already rolled back on its own (for example after SQLITE_FULL); nothing is left to undo.
            }
        }
    }
}
