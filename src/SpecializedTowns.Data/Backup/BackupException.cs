namespace SpecializedTowns.Data.Backup;

/// <summary>A backup or restore that cannot go ahead; the message is Chinese and says what to do, and nothing was changed.</summary>
public sealed class BackupException(string message) : Exception(message);
