using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SpecializedTowns.Web.Tests.Infrastructure;

/// <summary>
/// The commands that reach one test database from any context of this process (EF's DiagnosticListener) and that a test
/// counts (given the command's text): for "one query, not one per …" promises. Made before the contexts it watches: a context
/// that ran a command while nobody listened asks again only after EF's logging cache time (a second), and misses what it runs meanwhile.
/// </summary>
internal sealed class DatabaseCommands : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly string _database;
    private readonly Func<string, bool> _counts;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly ConcurrentQueue<string> _seen = new();

    public DatabaseCommands(string connectionString, Func<string, bool> counts)
    {
        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        // The SQLite file or the PostgreSQL database the test made: other tests run beside this one on their own.
        _database = (string)(parts.TryGetValue("Data Source", out var file) ? file : parts["Database"]);
        _counts = counts;
        _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
    }

    public int Count => _seen.Count;

    /// <summary>The texts of the commands counted, for a failing test to show.</summary>
    public string Texts => string.Join("\n---\n", _seen);

    /// <summary>Forgets the commands counted so far.</summary>
    public void Clear() => _seen.Clear();

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> e)
    {
        if (e.Key == RelationalEventId.CommandExecuting.Name && e.Value is CommandEventData d
            && d.Command.Connection?.ConnectionString.Contains(_database, StringComparison.Ordinal) == true
            && _counts(d.Command.CommandText))
            _seen.Enqueue(d.Command.CommandText);
    }

    public void OnCompleted() { }
    public void OnError(Exception error) { }

    public void Dispose()
    {
        lock (_subscriptions) foreach (var s in _subscriptions) s.Dispose();
    }
}
