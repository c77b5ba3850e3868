namespace SpecializedTowns.Core;

/// <summary>
/// A record people edit in forms: the version the form was loaded at travels with it, and a save against a version that
/// has moved on is refused instead of silently overwriting what somebody else saved in between.
/// </summary>
public interface IVersioned
{
    /// <summary>Raised by one on every save of the record (the data context does it); the database checks it on update.</summary>
    int Version { get; set; }
}
