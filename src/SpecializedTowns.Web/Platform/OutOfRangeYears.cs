using System.Globalization;
using SpecializedTowns.Core;
using SpecializedTowns.Web.Api;

namespace SpecializedTowns.Web.Platform;

/// <summary>
/// Every year and date a page or an API endpoint takes from its address (?year=、?from=、?to=、…/{year}/{month}) is held to
/// <see cref="CalendarBounds"/> here, once, before any page or endpoint runs: a filter built from year 99999 or from 0001-01-01
/// would throw deep in a query (new DateOnly(…)、a China day start before the calendar begins) and show a server error.
/// The API answers 400 problem+json naming the parameter; a page shows the status page with the same Chinese message.
/// Values that are not a number or a date at all are left to model binding, which has its own messages.
/// </summary>
public static class OutOfRangeYears
{
    /// <summary>The message for the status page when a page's address carried a year out of range.</summary>
    public const string MessageItem = "OutOfRangeYears.Message";

    // Parameter names that carry a year or a date (case-insensitive); names ending in "year" or "date" as well.
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase) { "year", "from", "to", "on", "day", "since", "until", "asOf" };

    public static IApplicationBuilder UseOutOfRangeYears(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (Problem(context) is { } problem)
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                await ApiSupport.Invalid(problem.Name, problem.Message).ExecuteAsync(context);
                return;
            }
            context.Items[MessageItem] = problem.Message;
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        await next(context);
    });

    private static (string Name, string Message)? Problem(HttpContext context)
    {
        foreach (var (name, value) in context.Request.RouteValues)
            if (Check(name, value?.ToString()) is { } message) return (name, message);
        foreach (var (name, values) in context.Request.Query)
            foreach (var value in values)
                if (Check(name, value) is { } message) return (name, message);
        return null;
    }

    private static string? Check(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!Names.Contains(name) && !name.EndsWith("year", StringComparison.OrdinalIgnoreCase) && !name.EndsWith("date", StringComparison.OrdinalIgnoreCase))
            return null;
        var text = value.Trim();
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var year))
            return CalendarBounds.YearProblem(year);
        if (DateOnly.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return CalendarBounds.DateProblem(day);
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment)) return CalendarBounds.DateProblem(DateOnly.FromDateTime(moment));
        return null;
    }
}
