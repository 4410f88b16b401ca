namespace RemissFlow.Core; internal static class Placeholder {}
