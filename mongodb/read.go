package mongodb

import (
	"context"
	"errors"
	"slices"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/xiaoqi-dev/xiaoqi"
)

// Get implements xiaoqi.Store.
func (s *Store) Get(ctx context.Context, kind xiaoqi.Kind, id string) (xiaoqi.Doc, error) {
	if err := checkKind(kind); err != nil {
		return nil, err
	}
	var r record
	err := s.view(kind).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&r)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, notFound(kind, id)
	} else if err != nil {
		return nil, translate("get "+string(kind), err)
	}
	return toDoc(kind, &r)
}

// GetByKey implements xiaoqi.Store, through the unique index on the natural key.
func (s *Store) GetByKey(ctx context.Context, kind xiaoqi.Kind, key string) (xiaoqi.Doc, error) {
	if err := checkKind(kind); err != nil {
		return nil, err
	}
	if key == "" {
		return nil, xiaoqi.KeyNotFound(kind)
	}
	var r record
	err := s.view(kind).FindOne(ctx, bson.D{{Key: "key", Value: key}}).Decode(&r)
	if errors.Is(err, mongo.ErrNoDocuments) && kind == xiaoqi.KindCandidate {
		// A candidate whose move to a random id was cut short between the delete of its old
		// id and the insert of its new one is under neither: finish the move, so that a
		// writer by key (an import, a POST) updates it rather than storing a new one.
		var finished bool
		if finished, err = s.finishMoveOf(ctx, key); err == nil && finished {
			err = s.view(kind).FindOne(ctx, bson.D{{Key: "key", Value: key}}).Decode(&r)
		} else if err == nil {
			err = mongo.ErrNoDocuments
		}
	}
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, xiaoqi.KeyNotFound(kind)
	} else if err != nil {
		return nil, translate("get "+string(kind), err)
	}
	return toDoc(kind, &r)
}

// List implements xiaoqi.Store.
func (s *Store) List(ctx context.Context, kind xiaoqi.Kind, opt xiaoqi.ListOptions) (*xiaoqi.ListPage, error) {
	filter, err := filterOf(kind, opt.Filters)
	if err != nil {
		return nil, err
	}
	if opt.After != "" {
		filter = append(filter, bson.E{Key: "_id", Value: bson.D{{Key: "$gt", Value: opt.After}}})
	}
	limit := opt.Limit
	if limit <= 0 {
		limit = xiaoqi.DefaultListLimit
	}
	limit = min(limit, xiaoqi.MaxListLimit)
	// One more than the page tells whether there is a next page.
	cur, err := s.view(kind).Find(ctx, filter, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}).
		SetLimit(int64(limit+1)).SetBatchSize(int32(limit+1)))
	if err != nil {
		return nil, translate("list "+string(kind), err)
	}
	var recs []record
	if err := cur.All(ctx, &recs); err != nil {
		return nil, translate("list "+string(kind), err)
	}
	page := &xiaoqi.ListPage{Docs: make([]xiaoqi.Doc, 0, min(len(recs), limit))}
	for i := range recs[:min(len(recs), limit)] {
		d, err := toDoc(kind, &recs[i])
		if err != nil {
			return nil, err
		}
		page.Docs = append(page.Docs, d)
	}
	if len(recs) > limit {
		page.Next = recs[limit-1].ID
	}
	return page, nil
}

// Count implements xiaoqi.Store.
func (s *Store) Count(ctx context.Context, kind xiaoqi.Kind, filters map[string]string) (int64, error) {
	filter, err := filterOf(kind, filters)
	if err != nil {
		return 0, err
	}
	n, err := s.view(kind).CountDocuments(ctx, filter)
	if err != nil {
		return 0, translate("count "+string(kind), err)
	}
	return n, nil
}

// filterOf builds the query of List and Count: equality on the stored filter fields. Only
// the names in xiaoqi.FilterFields reach the query, and values only as strings.
func filterOf(kind xiaoqi.Kind, filters map[string]string) (bson.D, error) {
	if err := checkKind(kind); err != nil {
		return nil, err
	}
	if err := xiaoqi.CheckFilters(kind, filters); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(filters))
	for name := range filters {
		names = append(names, name)
	}
	slices.Sort(names)
	filter := bson.D{}
	for _, name := range names {
		filter = append(filter, bson.E{Key: "f." + name, Value: filters[name]})
	}
	return filter, nil
}
