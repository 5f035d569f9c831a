package reconcile

import "math/bits"

// table is a compact hash table of 64-bit keys, each with a 32-bit value:
// 12 bytes a slot, where a Go map of strings spends about 70 bytes an
// entry. It holds what a reconciliation must remember of millions of
// sessions: the ids seen (key and value are a 96-bit hash of the id, the
// value's low bits its state) and the joins (a payment intent's or a
// subscription's hash, the value its group).
//
// It is split into shards that grow one at a time, each from a different
// starting size: a whole table doubling at once would hold old and new
// arrays together (1.5 times its memory) and spend half its slots empty
// right after, where staggered shards keep the average load near its
// middle and the copy small.
type table struct {
	shards [shardCount]shard
	n      int
}

const (
	shardBits  = 8
	shardCount = 1 << shardBits
	// A shard grows past maxLoad of its slots in use: linear probing stays
	// short (about 3 probes to miss at 0.8).
	maxLoadNum, maxLoadDen = 4, 5
)

type shard struct {
	keys []uint64 // 0 is an empty slot
	vals []uint32
	n    int
}

// tagMask compares a value's bits above its two state bits: the id set
// stores a hash there.
const tagMask = ^uint32(3)

// find returns the slot of key whose value matches tag on the bits of mask,
// or the empty slot where it would go (found false).
func (s *shard) find(key uint64, tag, mask uint32) (int, bool) {
	n := uint64(len(s.keys))
	// Range reduction by multiplication: the shard's size need not be a
	// power of two, so shards can start at different sizes.
	i, _ := bits.Mul64(key<<shardBits, n)
	for {
		k := s.keys[i]
		if k == 0 {
			return int(i), false
		}
		if k == key && (s.vals[i]^tag)&mask == 0 {
			return int(i), true
		}
		if i++; i == n {
			i = 0
		}
	}
}

// free is the first empty slot on key's probe path.
func (s *shard) free(key uint64) int {
	n := uint64(len(s.keys))
	i, _ := bits.Mul64(key<<shardBits, n)
	for s.keys[i] != 0 {
		if i++; i == n {
			i = 0
		}
	}
	return int(i)
}

func (t *table) shard(key uint64) *shard {
	s := &t.shards[key>>(64-shardBits)]
	if s.keys == nil {
		// Sizes 16 to 31 by shard: they reach their loads at different times.
		size := 16 + int(key>>(64-shardBits))*16/shardCount
		s.keys, s.vals = make([]uint64, size), make([]uint32, size)
	}
	return s
}

// key is h made a valid key: 0 marks an empty slot.
func key(h uint64) uint64 {
	if h == 0 {
		return 1
	}
	return h
}

// get returns the value of key whose value matches tag on mask.
func (t *table) get(key uint64, tag, mask uint32) (uint32, bool) {
	s := t.shard(key)
	i, ok := s.find(key, tag, mask)
	return s.vals[i], ok
}

// put sets the value of key (matched with tag on mask) to val.
func (t *table) put(key uint64, tag, mask, val uint32) {
	s := t.shard(key)
	i, ok := s.find(key, tag, mask)
	if ok {
		s.vals[i] = val
		return
	}
	if (s.n+1)*maxLoadDen > len(s.keys)*maxLoadNum {
		s.grow()
		i, _ = s.find(key, tag, mask)
	}
	s.keys[i], s.vals[i] = key, val
	s.n++
	t.n++
}

func (s *shard) grow() {
	old, oldVals := s.keys, s.vals
	s.keys, s.vals = make([]uint64, 2*len(old)), make([]uint32, 2*len(old))
	for j, k := range old {
		if k != 0 {
			i := s.free(k)
			s.keys[i], s.vals[i] = k, oldVals[j]
		}
	}
}

// len is how many keys the table holds.
func (t *table) len() int { return t.n }

// bytes is the memory of the slots.
func (t *table) bytes() int {
	n := 0
	for i := range t.shards {
		n += 12 * len(t.shards[i].keys)
	}
	return n
}
