using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace SpecializedTowns.Data;

/// <summary>
/// Plain commands on the context's connection, for the name indexes (audit names, enterprise names) whose batches and
/// candidate reads are array-valued SQL that EF does not write.
/// </summary>
internal static class RawCommands
{
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }
        return command;
    }

    /// <summary>One value, inside the context's transaction when it has one.</summary>
    public static async Task<T> ScalarAsync<T>(TownsDbContext db, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = Command(db.Database.GetDbConnection(), db.Database.CurrentTransaction?.GetDbTransaction(), sql, parameters);
            return (T)(await command.ExecuteScalarAsync(ct))!;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
