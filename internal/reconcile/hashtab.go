package reconcile

import "math/bits"

// table is a compact hash table of 64-bit hashes: 8 bytes a slot for a set
// (the ids of the sessions seen, each with a 2-bit state), 12 for a map to
// a 32-bit value (a payment intent's or a subscription's group), where a Go
// map of strings spends about 70 bytes an entry.
//
// It is split into 256 shards by the hash's top 8 bits, so a slot stores
// the other 56 bits and 8 more of a second hash: a set tells ids apart by
// 70 bits (8 + 56 + 8 - 2 state bits), and two of 10 million distinct ids
// collide with odds of about 4 in 100 million. Shards grow one at a time,
// each from a different starting size: a whole table doubling at once
// would hold old and new arrays together and spend half its slots empty
// right after, where staggered shards keep the average load near its
// middle and the copy small.
type table struct {
	shards [shardCount]shard
	n      int
	values bool // a map: each key has a value
}

const (
	shardBits  = 8
	shardCount = 1 << shardBits
	// A shard grows past maxLoad of its slots in use: linear probing stays
	// short (about 5 probes to miss at 0.85).
	maxLoadNum, maxLoadDen = 17, 20
	stateMask              = uint64(3) // a set's state bits in a slot
)

type shard struct {
	keys []uint64 // 0 is an empty slot
	vals []uint32 // a map's values
	n    int
}

// slotKey is what a slot stores of the hashes h1 and h2: h1's bits below
// the shard's, then 8 bits of h2 (a set's 2 state bits cleared); never 0.
func slotKey(h1, h2 uint64) uint64 {
	k := h1<<shardBits | h2&0xff&^stateMask
	if k == 0 {
		k = 4
	}
	return k
}

// find returns the slot of k (compared on the bits of mask), or the empty
// slot where it would go (found false).
func (s *shard) find(k, mask uint64) (int, bool) {
	n := uint64(len(s.keys))
	// Range reduction by multiplication: the shard's size need not be a
	// power of two, so shards can start at different sizes.
	i, _ := bits.Mul64(k, n)
	for {
		got := s.keys[i]
		if got == 0 {
			return int(i), false
		}
		if (got^k)&mask == 0 {
			return int(i), true
		}
		if i++; i == n {
			i = 0
		}
	}
}

func (t *table) shard(h1 uint64) *shard {
	top := int(h1 >> (64 - shardBits))
	s := &t.shards[top]
	if s.keys == nil {
		// Sizes 16 to 31 by shard: they reach their loads at different times.
		size := 16 + top*16/shardCount
		s.keys = make([]uint64, size)
		if t.values {
			s.vals = make([]uint32, size)
		}
	}
	return s
}

// state returns the state stored with the id of hashes h1, h2 (0: unseen).
func (t *table) state(h1, h2 uint64) uint64 {
	s := t.shard(h1)
	i, ok := s.find(slotKey(h1, h2), ^stateMask)
	if !ok {
		return 0
	}
	return s.keys[i] & stateMask
}

// setState stores the id of hashes h1, h2 with state (1 to 3).
func (t *table) setState(h1, h2, state uint64) {
	k := slotKey(h1, h2) | state
	s := t.shard(h1)
	i, ok := s.find(k, ^stateMask)
	if !ok {
		i = t.insert(s, k)
	}
	s.keys[i] = k
}

// get returns the value of the key of hash h.
func (t *table) get(h uint64) (uint32, bool) {
	s := t.shard(h)
	i, ok := s.find(slotKey(h, h), ^uint64(0))
	if !ok {
		return 0, false
	}
	return s.vals[i], true
}

// put sets the value of the key of hash h.
func (t *table) put(h uint64, v uint32) {
	k := slotKey(h, h)
	s := t.shard(h)
	i, ok := s.find(k, ^uint64(0))
	if !ok {
		i = t.insert(s, k)
	}
	s.keys[i], s.vals[i] = k, v
}

// insert makes room for k, absent from s, and returns its empty slot.
func (t *table) insert(s *shard, k uint64) int {
	if (s.n+1)*maxLoadDen > len(s.keys)*maxLoadNum {
		s.grow()
	}
	s.n++
	t.n++
	i, _ := s.find(k, ^uint64(0))
	return i
}

func (s *shard) grow() {
	old, oldVals := s.keys, s.vals
	s.keys = make([]uint64, 2*len(old))
	if oldVals != nil {
		s.vals = make([]uint32, 2*len(old))
	}
	for j, k := range old {
		if k == 0 {
			continue
		}
		i := s.free(k)
		s.keys[i] = k
		if oldVals != nil {
			s.vals[i] = oldVals[j]
		}
	}
}

// free is the first empty slot on k's probe path.
func (s *shard) free(k uint64) int {
	n := uint64(len(s.keys))
	i, _ := bits.Mul64(k, n)
	for s.keys[i] != 0 {
		if i++; i == n {
			i = 0
		}
	}
	return int(i)
}

// len is how many keys the table holds.
func (t *table) len() int { return t.n }

// bytes is the memory of the slots.
func (t *table) bytes() int {
	n := 0
	for i := range t.shards {
		n += 8*len(t.shards[i].keys) + 4*len(t.shards[i].vals)
	}
	return n
}
