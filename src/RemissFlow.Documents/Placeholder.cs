namespace RemissFlow.Documents; internal static class Placeholder {}
