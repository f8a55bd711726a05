namespace Vigil.Routing.Search;

/// <summary>
/// An indexed binary min-heap over vertex ids with decrease-key, sized once for the graph; no allocation per push.
/// Positions are reset lazily through a generation stamp, so clearing costs nothing.
/// </summary>
internal sealed class MinHeap
{
    private readonly int[] _heap;
    private readonly int[] _keys;
    private readonly int[] _position;
    private readonly int[] _stamp;
    private int _generation;
    private int _count;

    public MinHeap(int capacity)
    {
        _heap = new int[Math.Max(1, capacity)];
        _keys = new int[Math.Max(1, capacity)];
        _position = new int[Math.Max(1, capacity)];
        _stamp = new int[Math.Max(1, capacity)];
    }

    public int Count => _count;

    public void Clear()
    {
        _count = 0;
        _generation++;
        if (_generation == int.MaxValue)
        {
            Array.Clear(_stamp);
            _generation = 1;
        }
    }

    public int MinKey => _keys[_heap[0]];

    /// <summary>Inserts the vertex, or lowers its key; ignores a key that is not lower. Returns false for a vertex already popped.</summary>
    public bool InsertOrDecrease(int vertex, int key)
    {
        if (_stamp[vertex] != _generation)
        {
            _stamp[vertex] = _generation;
            _keys[vertex] = key;
            _heap[_count] = vertex;
            _position[vertex] = _count;
            SiftUp(_count++);
            return true;
        }

        if (_position[vertex] < 0 || key >= _keys[vertex])
        {
            return false;
        }

        _keys[vertex] = key;
        SiftUp(_position[vertex]);
        return true;
    }

    public int Pop(out int key)
    {
        var top = _heap[0];
        key = _keys[top];
        _position[top] = -1;
        _count--;
        if (_count > 0)
        {
            var last = _heap[_count];
            _heap[0] = last;
            _position[last] = 0;
            SiftDown(0);
        }

        return top;
    }

    private void SiftUp(int i)
    {
        var v = _heap[i];
        var key = _keys[v];
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            var p = _heap[parent];
            if (_keys[p] <= key)
            {
                break;
            }

            _heap[i] = p;
            _position[p] = i;
            i = parent;
        }

        _heap[i] = v;
        _position[v] = i;
    }

    private void SiftDown(int i)
    {
        var v = _heap[i];
        var key = _keys[v];
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= _count)
            {
                break;
            }

            if (child + 1 < _count && _keys[_heap[child + 1]] < _keys[_heap[child]])
            {
                child++;
            }

            var c = _heap[child];
            if (_keys[c] >= key)
            {
                break;
            }

            _heap[i] = c;
            _position[c] = i;
            i = child;
        }

        _heap[i] = v;
        _position[v] = i;
    }
}
