namespace SpecializedTowns.Core;

/// <summary>
/// The kind of “no” a use case gives. It travels with the refusal (a rule exception, a set of field errors) so that every
/// boundary answers it by kind, never by reading the Chinese message: the API maps it to its status code in one place.
/// </summary>
public enum RefusalKind
{
    /// <summary>The input cannot stand: a field to correct (400).</summary>
    Invalid,

    /// <summary>No such record, or one outside the person's data scope; the two are never told apart (404).</summary>
    NotFound,

    /// <summary>The person may see the record, but their role or part in it does not allow this action (403).</summary>
    Forbidden,

    /// <summary>The record's state does not allow it now: already submitted, published, closed, or changed meanwhile (409).</summary>
    Conflict,
}

/// <summary>A refusal with its kind, its Chinese message, and the input at fault when there is one.</summary>
public interface IRefusal
{
    RefusalKind Kind { get; }

    string Message { get; }

    /// <summary>The input at fault (as the form or body names it); null for the state or the person's part.</summary>
    string? Field { get; }
}
