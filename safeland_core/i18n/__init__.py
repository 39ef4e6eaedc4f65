"""Qt Linguist files of the vocabulary catalogue (vocab_km.ts, compiled vocab_km.qm); data only."""
