using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using SpecializedTowns.Core;

namespace SpecializedTowns.Web.Platform;

/// <summary>
/// Binds a number field of a form or query as MVC does, after reading full-width digits and signs as the numerals they are
/// (<see cref="NumberText"/>): "１２００", typed with a Chinese input method, was refused as 不是数字 (qa120 8).
/// </summary>
internal sealed class NumberBinder(IModelBinder inner) : IModelBinder
{
    public async Task BindModelAsync(ModelBindingContext context)
    {
        var result = context.ValueProvider.GetValue(context.ModelName);
        if (result == ValueProviderResult.None || !result.Values.Any(v => v is not null && NumberText.IsWide(v)))
        {
            await inner.BindModelAsync(context);
            return;
        }
        var original = context.ValueProvider;
        var narrowed = new ValueProviderResult(new Microsoft.Extensions.Primitives.StringValues(
            result.Values.Select(v => v is null ? null : NumberText.Narrow(v)).ToArray()), result.Culture);
        context.ValueProvider = new Narrowed(original, context.ModelName, narrowed);
        try { await inner.BindModelAsync(context); }
        finally { context.ValueProvider = original; }
    }

    private sealed class Narrowed(IValueProvider inner, string key, ValueProviderResult value) : IValueProvider
    {
        public bool ContainsPrefix(string prefix) => inner.ContainsPrefix(prefix);
        public ValueProviderResult GetValue(string name) => name == key ? value : inner.GetValue(name);
    }
}

internal sealed class NumberBinderProvider : IModelBinderProvider
{
    private static readonly Type[] Integers = [typeof(int), typeof(long), typeof(short)];

    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        if (context.Metadata.IsComplexType) return null;
        if (context.BindingInfo.BindingSource is { } source && (source == BindingSource.Body || source == BindingSource.Header
            || source == BindingSource.Services || source == BindingSource.Special || source == BindingSource.FormFile)) return null;
        var type = context.Metadata.UnderlyingOrModelType;
        var logs = context.Services.GetRequiredService<ILoggerFactory>();
        // The same binders MVC picks for these types (FloatingPointTypeModelBinderProvider, SimpleTypeModelBinderProvider).
        const NumberStyles floating = NumberStyles.Float | NumberStyles.AllowThousands;
        IModelBinder? inner = type == typeof(decimal) ? new DecimalModelBinder(floating, logs)
            : type == typeof(double) ? new DoubleModelBinder(floating, logs)
            : type == typeof(float) ? new FloatModelBinder(floating, logs)
            : Integers.Contains(type) ? new SimpleTypeModelBinder(context.Metadata.ModelType, logs)
            : null;
        return inner is null ? null : new NumberBinder(inner);
    }
}
