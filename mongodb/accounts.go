package mongodb

import (
	"context"
	"errors"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/xiaoqi-dev/xiaoqi"
)

var _ xiaoqi.Accounts = (*Store)(nil)

// Collections of the accounts. The account types are stored as their bson tags in account.go
// say, _id being their ID.
const (
	usersCollection    = "users"
	apiKeysCollection  = "api_keys"
	sessionsCollection = "sessions"
	auditCollection    = "audit"
	importsCollection  = "import_jobs"
)

// accountIndexes are the indexes of the account collections, created by setup.
func accountIndexes() map[string][]index {
	return map[string][]index{
		usersCollection:   {{name: "username", keys: bson.D{{Key: "username", Value: 1}}, unique: true}},
		apiKeysCollection: {{name: "user_id", keys: bson.D{{Key: "user_id", Value: 1}, {Key: "_id", Value: 1}}}},
		sessionsCollection: {
			// MongoDB removes expired sessions by itself (within a minute or so); Session
			// checks the expiry all the same, and PutSession purges.
			{name: "expires_at", keys: bson.D{{Key: "expires_at", Value: 1}}, ttl: true},
			{name: "user_id", keys: bson.D{{Key: "user_id", Value: 1}}},
		},
		auditCollection: {
			{name: "subject_id", keys: bson.D{{Key: "subject_id", Value: 1}, {Key: "_id", Value: 1}}},
			{name: "actor_id", keys: bson.D{{Key: "actor_id", Value: 1}, {Key: "_id", Value: 1}}},
		},
		// ImportJobs lists newest first.
		importsCollection: {{name: "created_at", keys: bson.D{{Key: "created_at", Value: -1}, {Key: "_id", Value: -1}}}},
	}
}

// CreateUser implements xiaoqi.Accounts. The unique indexes on _id and username decide
// between two concurrent creates.
func (s *Store) CreateUser(ctx context.Context, u *xiaoqi.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	_, err := s.db.Collection(usersCollection).InsertOne(ctx, u)
	if isDuplicateKey(err) {
		if _, ferr := s.User(ctx, u.ID); ferr == nil {
			return &xiaoqi.Error{Code: xiaoqi.ECONFLICT, Message: fmt.Sprintf("用户 %s 已存在 / user %s exists already", u.ID, u.ID),
				Details: []xiaoqi.FieldError{{Field: "id", Message: "已被占用 / taken"}}}
		}
		return usernameTaken(u.Username)
	}
	return translate("create user", err)
}

// UpdateUser implements xiaoqi.Accounts.
func (s *Store) UpdateUser(ctx context.Context, u *xiaoqi.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	res, err := s.db.Collection(usersCollection).ReplaceOne(ctx, bson.D{{Key: "_id", Value: u.ID}}, u)
	switch {
	case isDuplicateKey(err):
		return usernameTaken(u.Username)
	case err != nil:
		return translate("update user", err)
	case res.MatchedCount == 0:
		return userNotFound(u.ID)
	}
	return nil
}

// User implements xiaoqi.Accounts.
func (s *Store) User(ctx context.Context, id string) (*xiaoqi.User, error) {
	var u xiaoqi.User
	err := s.db.Collection(usersCollection).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&u)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, userNotFound(id)
	} else if err != nil {
		return nil, translate("get user", err)
	}
	return &u, nil
}

// UserByName implements xiaoqi.Accounts.
func (s *Store) UserByName(ctx context.Context, username string) (*xiaoqi.User, error) {
	var u xiaoqi.User
	err := s.db.Collection(usersCollection).FindOne(ctx, bson.D{{Key: "username", Value: username}}).Decode(&u)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, xiaoqi.Errorf(xiaoqi.ENOTFOUND, "用户名 %q 不存在 / no user named %q", username, username)
	} else if err != nil {
		return nil, translate("get user by name", err)
	}
	return &u, nil
}

// Users implements xiaoqi.Accounts. Strings sort by their UTF-8 bytes, as in Go.
func (s *Store) Users(ctx context.Context) ([]*xiaoqi.User, error) {
	cur, err := s.db.Collection(usersCollection).Find(ctx, bson.D{}, options.Find().SetSort(bson.D{{Key: "username", Value: 1}}))
	if err != nil {
		return nil, translate("list users", err)
	}
	users := []*xiaoqi.User{}
	if err := cur.All(ctx, &users); err != nil {
		return nil, translate("list users", err)
	}
	return users, nil
}

// DeleteUser implements xiaoqi.Accounts. Without transactions the user's keys and sessions
// go first and the user last, so that a delete cut short leaves the user, and calling
// DeleteUser again finishes it.
func (s *Store) DeleteUser(ctx context.Context, id string) error {
	byUser := bson.D{{Key: "user_id", Value: id}}
	if _, err := s.db.Collection(apiKeysCollection).DeleteMany(ctx, byUser); err != nil {
		return translate("delete the user's keys", err)
	}
	if _, err := s.db.Collection(sessionsCollection).DeleteMany(ctx, byUser); err != nil {
		return translate("delete the user's sessions", err)
	}
	res, err := s.db.Collection(usersCollection).DeleteOne(ctx, bson.D{{Key: "_id", Value: id}})
	if err != nil {
		return translate("delete user", err)
	} else if res.DeletedCount == 0 {
		return userNotFound(id)
	}
	return nil
}

// PutKey implements xiaoqi.Accounts. The user must exist (ENOTFOUND). The replace matches
// the key with its user, so that a key stored for another user is not matched and the
// upsert's insert fails on _id: a key keeps its user (ECONFLICT).
func (s *Store) PutKey(ctx context.Context, k *xiaoqi.APIKey) error {
	if err := k.Validate(); err != nil {
		return err
	}
	if err := s.userExists(ctx, k.UserID); err != nil {
		return err
	}
	_, err := s.db.Collection(apiKeysCollection).ReplaceOne(ctx,
		bson.D{{Key: "_id", Value: k.ID}, {Key: "user_id", Value: k.UserID}}, k, options.Replace().SetUpsert(true))
	if isDuplicateKey(err) {
		return &xiaoqi.Error{Code: xiaoqi.ECONFLICT, Message: fmt.Sprintf("密钥 %s 属于另一个用户 / key %s belongs to another user", k.ID, k.ID),
			Details: []xiaoqi.FieldError{{Field: "user_id", Message: "与已存密钥不符 / differs from the stored key's"}}}
	}
	return translate("put key", err)
}

// Key implements xiaoqi.Accounts.
func (s *Store) Key(ctx context.Context, id string) (*xiaoqi.APIKey, error) {
	var k xiaoqi.APIKey
	err := s.db.Collection(apiKeysCollection).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&k)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return nil, xiaoqi.Errorf(xiaoqi.ENOTFOUND, "密钥 %s 不存在 / key %s not found", id, id)
	} else if err != nil {
		return nil, translate("get key", err)
	}
	return &k, nil
}

// Keys implements xiaoqi.Accounts.
func (s *Store) Keys(ctx context.Context, userID string) ([]*xiaoqi.APIKey, error) {
	cur, err := s.db.Collection(apiKeysCollection).Find(ctx, bson.D{{Key: "user_id", Value: userID}},
		options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return nil, translate("list keys", err)
	}
	keys := []*xiaoqi.APIKey{}
	if err := cur.All(ctx, &keys); err != nil {
		return nil, translate("list keys", err)
	}
	return keys, nil
}

// PutSession implements xiaoqi.Accounts. The user must exist (ENOTFOUND); expired sessions
// are deleted first, which spares waiting for the TTL monitor (and FerretDB, which has none).
func (s *Store) PutSession(ctx context.Context, sess *xiaoqi.Session) error {
	if err := sess.Validate(); err != nil {
		return err
	}
	if err := s.userExists(ctx, sess.UserID); err != nil {
		return err
	}
	sessions := s.db.Collection(sessionsCollection)
	if _, err := sessions.DeleteMany(ctx, bson.D{{Key: "expires_at", Value: bson.D{{Key: "$lte", Value: s.now()}}}}); err != nil {
		return translate("purge expired sessions", err)
	}
	_, err := sessions.ReplaceOne(ctx, bson.D{{Key: "_id", Value: sess.ID}}, sess, options.Replace().SetUpsert(true))
	return translate("put session", err)
}

// Session implements xiaoqi.Accounts.
func (s *Store) Session(ctx context.Context, id string) (*xiaoqi.Session, error) {
	var sess xiaoqi.Session
	err := s.db.Collection(sessionsCollection).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&sess)
	if errors.Is(err, mongo.ErrNoDocuments) || (err == nil && !s.now().Before(sess.ExpiresAt)) {
		return nil, xiaoqi.Errorf(xiaoqi.ENOTFOUND, "会话不存在或已过期 / session not found or expired")
	} else if err != nil {
		return nil, translate("get session", err)
	}
	return &sess, nil
}

// DeleteSession implements xiaoqi.Accounts.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	_, err := s.db.Collection(sessionsCollection).DeleteOne(ctx, bson.D{{Key: "_id", Value: id}})
	return translate("delete session", err)
}

// userExists returns ENOTFOUND unless the user is stored.
func (s *Store) userExists(ctx context.Context, id string) error {
	err := s.db.Collection(usersCollection).FindOne(ctx, bson.D{{Key: "_id", Value: id}},
		options.FindOne().SetProjection(bson.D{{Key: "_id", Value: 1}})).Err()
	if errors.Is(err, mongo.ErrNoDocuments) {
		return userNotFound(id)
	}
	return translate("find user", err)
}

func userNotFound(id string) error {
	return xiaoqi.Errorf(xiaoqi.ENOTFOUND, "用户 %s 不存在 / user %s not found", id, id)
}

func usernameTaken(name string) error {
	return &xiaoqi.Error{Code: xiaoqi.ECONFLICT, Message: fmt.Sprintf("用户名 %q 已被占用 / username %q is taken", name, name),
		Details: []xiaoqi.FieldError{{Field: "username", Message: "已被占用 / taken"}}}
}
