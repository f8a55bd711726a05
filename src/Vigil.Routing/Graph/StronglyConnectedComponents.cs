namespace Vigil.Routing.Graph;

/// <summary>
/// Tarjan's strongly connected components (Tarjan 1972, "Depth-first search and linear graph algorithms"),
/// iterative so that long roads cannot overflow the call stack.
/// </summary>
public static class StronglyConnectedComponents
{
    /// <summary>Labels each vertex of a CSR graph with its component; labels run 0..count-1.</summary>
    public static int[] Compute(int vertexCount, ReadOnlySpan<int> first, ReadOnlySpan<int> target, out int count)
    {
        var index = new int[vertexCount];
        var low = new int[vertexCount];
        var component = new int[vertexCount];
        var onStack = new bool[vertexCount];
        Array.Fill(index, -1);
        var stack = new int[vertexCount];
        var stackTop = 0;
        var callVertex = new int[vertexCount];
        var callEdge = new int[vertexCount];
        var next = 0;
        count = 0;

        for (var root = 0; root < vertexCount; root++)
        {
            if (index[root] >= 0)
            {
                continue;
            }

            var depth = 0;
            callVertex[0] = root;
            callEdge[0] = first[root];
            index[root] = low[root] = next++;
            stack[stackTop++] = root;
            onStack[root] = true;

            while (depth >= 0)
            {
                var v = callVertex[depth];
                var e = callEdge[depth];
                if (e < first[v + 1])
                {
                    callEdge[depth] = e + 1;
                    var w = target[e];
                    if (index[w] < 0)
                    {
                        index[w] = low[w] = next++;
                        stack[stackTop++] = w;
                        onStack[w] = true;
                        depth++;
                        callVertex[depth] = w;
                        callEdge[depth] = first[w];
                    }
                    else if (onStack[w] && index[w] < low[v])
                    {
                        low[v] = index[w];
                    }

                    continue;
                }

                if (low[v] == index[v])
                {
                    int w;
                    do
                    {
                        w = stack[--stackTop];
                        onStack[w] = false;
                        component[w] = count;
                    }
                    while (w != v);
                    count++;
                }

                depth--;
                if (depth >= 0)
                {
                    var parent = callVertex[depth];
                    if (low[v] < low[parent])
                    {
                        low[parent] = low[v];
                    }
                }
            }
        }

        return component;
    }
}
